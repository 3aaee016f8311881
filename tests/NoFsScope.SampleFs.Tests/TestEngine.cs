using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Memalloc;
using SampleFs;

namespace NoFsScope.SampleFs.Tests;

/// <summary>A SampleFs engine on a temp file, with helpers to fill its pool with dirty pages and to run work under a deadline.</summary>
internal sealed class TestEngine : IDisposable
{
    internal const int PoolPages = 16;

    private TestEngine(FileSystem fs) => Fs = fs;

    internal FileSystem Fs { get; }

    internal static TestEngine Create(AddressSpaceOperations? operations = null, int poolPages = PoolPages)
    {
        string path = Path.Combine(Path.GetTempPath(), $"samplefs-test-{Guid.NewGuid():N}.img");
        var options = new FileSystemOptions { PoolPages = poolPages };
        return new TestEngine(new FileSystem(path, options, operations));
    }

    /// <summary>Writes exactly as many whole pages to inode 0 as the pool has: every page is rented and dirty.</summary>
    internal void FillPoolWithDirtyPages()
    {
        var page = new byte[Fs.Options.PageSize];
        for (int i = 0; i < Fs.Options.PoolPages; i++)
        {
            global::SampleFs.Program.Fill(page, 0, (long)i * page.Length);
            Fs.Write(0, (long)i * page.Length, page);
        }

        if (Fs.Pool.FreeCount != 0)
        {
            throw new InvalidOperationException($"expected a dry pool, {Fs.Pool.FreeCount} pages free");
        }
    }

    /// <summary>Whether inode <paramref name="inode"/> reads back exactly what <see cref="global::SampleFs.Program.Fill"/> wrote over <paramref name="length"/> bytes.</summary>
    internal bool ReadsBack(int inode, long length)
    {
        var expected = new byte[1000];
        var actual = new byte[1000];
        for (long offset = 0; offset < length; offset += expected.Length)
        {
            int count = (int)Math.Min(expected.Length, length - offset);
            global::SampleFs.Program.Fill(expected, inode, offset);
            if (Fs.Read(inode, offset, actual.AsSpan(0, count)) != count || !actual.AsSpan(0, count).SequenceEqual(expected.AsSpan(0, count)))
            {
                return false;
            }
        }

        return Fs.SizeOf(inode) == length;
    }

    /// <summary>Starts <paramref name="work"/> on a dedicated thread and returns it with a task that completes when the work does.</summary>
    internal static (Thread Thread, Task Completion) StartThread(Action work)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                work();
                completion.SetResult();
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        { IsBackground = true, Name = "test writeback" };
        thread.Start();
        return (thread, completion.Task);
    }

    public void Dispose() => Fs.Dispose();
}
