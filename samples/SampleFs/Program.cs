using System;
using System.Diagnostics;
using System.IO;
using Memalloc;

namespace SampleFs;

/// <summary><c>dotnet run --project samples/SampleFs [-- --files 8 --size 262144 --pages 64]</c>.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>Writes files much larger than the page pool with the flusher running, reads them back and prints what reclaim did; 0 when every byte came back.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        int files = Option(args, "--files", 8);
        int size = Option(args, "--size", 256 * 1024);
        int pages = Option(args, "--pages", 64);
        string path = Path.Combine(Path.GetTempPath(), $"samplefs-{Environment.ProcessId}-{Guid.NewGuid():N}.img");
        var options = new FileSystemOptions { PoolPages = pages };
        output.WriteLine($"SampleFs: {files} file(s) of {size:N0} bytes through a pool of {pages} pages ({pages * options.PageSize:N0} bytes); validator {(MemallocValidator.IsEnabled ? "on" : "off")} (set NOFS_VALIDATE=1 to turn it on)");

        var clock = Stopwatch.StartNew();
        using var fs = new FileSystem(path, options);
        fs.StartFlusher();
        var chunk = new byte[1000];
        for (int file = 0; file < files; file++)
        {
            for (int offset = 0; offset < size; offset += chunk.Length)
            {
                int count = Math.Min(chunk.Length, size - offset);
                Fill(chunk, file, offset);
                fs.Write(file, offset, chunk.AsSpan(0, count));
            }
        }

        fs.Sync();
        int mismatches = 0;
        var expected = new byte[chunk.Length];
        for (int file = 0; file < files; file++)
        {
            if (fs.SizeOf(file) != size)
            {
                mismatches++;
            }

            for (int offset = 0; offset < size; offset += chunk.Length)
            {
                int count = Math.Min(chunk.Length, size - offset);
                Fill(expected, file, offset);
                int read = fs.Read(file, offset, chunk.AsSpan(0, count));
                if (read != count || !chunk.AsSpan(0, count).SequenceEqual(expected.AsSpan(0, count)))
                {
                    mismatches++;
                }
            }
        }

        output.WriteLine($"Done in {clock.ElapsedMilliseconds} ms: {(mismatches == 0 ? "every byte read back intact" : $"{mismatches} mismatching chunk(s)")}.");
        output.WriteLine($"Engine:  {fs.Statistics}");
        output.WriteLine($"Reclaim: {fs.Shrinkers.Statistics}");
        return mismatches == 0 ? 0 : 1;
    }

    /// <summary>Deterministic content: byte i of file f is a function of (f, i).</summary>
    internal static void Fill(byte[] buffer, int file, long offset)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            long position = offset + i;
            buffer[i] = (byte)((position * 31) + (file * 7) + (position >> 9));
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) && value > 0 ? value : fallback;
    }
}
