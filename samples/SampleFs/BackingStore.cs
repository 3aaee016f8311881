using System;
using System.IO;

namespace SampleFs;

/// <summary>
/// The "block device": one file. The first <see cref="InodeTableSize"/> bytes hold each inode's size;
/// after it, inode <c>n</c> owns a region of <see cref="FileSystemOptions.MaxFileSize"/> bytes.
/// </summary>
public sealed class BackingStore : IDisposable
{
    private const int InodeRecordSize = sizeof(long);

    private readonly object _gate = new();
    private readonly FileStream _file;
    private readonly long _maxFileSize;

    public BackingStore(string path, int maxInodes, long maxFileSize)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        _maxFileSize = maxFileSize;
        InodeTableSize = (long)maxInodes * InodeRecordSize;
    }

    public long InodeTableSize { get; }

    /// <summary>Writes count bytes of <paramref name="data"/> at page <paramref name="pageIndex"/> of inode <paramref name="inode"/>.</summary>
    public void WritePage(int inode, long pageIndex, ArraySegment<byte> data)
    {
        lock (_gate)
        {
            _file.Position = InodeTableSize + (inode * _maxFileSize) + (pageIndex * data.Count);
            _file.Write(data.Array!, data.Offset, data.Count);
        }
    }

    /// <summary>Reads page <paramref name="pageIndex"/> of inode <paramref name="inode"/> into <paramref name="into"/>; bytes past the end of the file read as zero.</summary>
    public void ReadPage(int inode, long pageIndex, ArraySegment<byte> into)
    {
        lock (_gate)
        {
            long position = InodeTableSize + (inode * _maxFileSize) + (pageIndex * into.Count);
            Array.Clear(into.Array!, into.Offset, into.Count);
            if (position >= _file.Length)
            {
                return;
            }

            _file.Position = position;
            int read = 0;
            while (read < into.Count)
            {
                int n = _file.Read(into.Array!, into.Offset + read, into.Count - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }
        }
    }

    public void WriteInodeSize(int inode, long size)
    {
        lock (_gate)
        {
            _file.Position = (long)inode * InodeRecordSize;
            _file.Write(BitConverter.GetBytes(size), 0, InodeRecordSize);
        }
    }

    public long ReadInodeSize(int inode)
    {
        lock (_gate)
        {
            long position = (long)inode * InodeRecordSize;
            if (position + InodeRecordSize > _file.Length)
            {
                return 0;
            }

            var record = new byte[InodeRecordSize];
            _file.Position = position;
            _file.ReadExactly(record);
            return BitConverter.ToInt64(record, 0);
        }
    }

    public void Dispose() => _file.Dispose();
}
