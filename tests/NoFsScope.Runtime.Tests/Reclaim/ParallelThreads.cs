using System;
using System.Threading;
using Xunit;

namespace NoFsScope.Runtime.Tests.Reclaim;

/// <summary>Runs a body on several dedicated threads at once, joins them with a deadline and rethrows the first failure.</summary>
internal static class ParallelThreads
{
    internal static void Run(int count, Action<int> body, TimeSpan deadline)
    {
        Exception? failure = null;
        var threads = new Thread[count];
        for (int t = 0; t < count; t++)
        {
            int index = t;
            threads[t] = new Thread(() =>
            {
                try
                {
                    body(index);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            })
            { IsBackground = true };
        }

        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            Assert.True(thread.Join(deadline), $"A thread did not finish within {deadline}.");
        }

        Assert.Null(failure);
    }
}
