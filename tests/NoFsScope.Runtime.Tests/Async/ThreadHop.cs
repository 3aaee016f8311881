using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Memalloc;

namespace NoFsScope.Runtime.Tests.Async;

/// <summary>
/// An awaitable that always resumes the awaiting flow on a brand-new thread, started with
/// execution-context flow suppressed, so the thread carries nothing of its own. The result is that
/// thread's id and the flags it saw before resuming the flow: they prove the flags come with the
/// flow, not with the thread.
/// </summary>
internal sealed class ThreadHop : INotifyCompletion
{
    private int _threadId;
    private MemallocFlags _threadFlags;

    public bool IsCompleted => false;

    public static ThreadHop ToNewThread() => new();

    public ThreadHop GetAwaiter() => this;

    public void OnCompleted(Action continuation)
    {
        using (ExecutionContext.SuppressFlow())
        {
            new Thread(() =>
            {
                _threadId = Environment.CurrentManagedThreadId;
                _threadFlags = MemallocContext.Current;
                continuation();
            }) { IsBackground = true }.Start();
        }
    }

    public (int ThreadId, MemallocFlags ThreadFlags) GetResult() => (_threadId, _threadFlags);
}
