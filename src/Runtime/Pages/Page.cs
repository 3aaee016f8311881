using System;

namespace Memalloc
{
    /// <summary>One page rented from a <see cref="PagePool"/>; give it back with <see cref="PagePool.Return(Page)"/>.</summary>
    public readonly struct Page : IEquatable<Page>
    {
        private readonly byte[]? _block;

        internal Page(PagePool pool, byte[] block, int index, int size)
        {
            Pool = pool;
            _block = block;
            Index = index;
            Size = size;
        }

        /// <summary>The pool the page belongs to; null for <c>default</c>.</summary>
        public PagePool? Pool { get; }

        /// <summary>The page's number within its pool.</summary>
        public int Index { get; }

        /// <summary>The page size in bytes.</summary>
        public int Size { get; }

        /// <summary>The page's bytes: a slice of the pool's single block.</summary>
        public ArraySegment<byte> Memory => _block is null ? default : new ArraySegment<byte>(_block, Index * Size, Size);

        /// <inheritdoc/>
        public bool Equals(Page other) => ReferenceEquals(Pool, other.Pool) && Index == other.Index;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is Page other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => Index;

        /// <inheritdoc/>
        public override string ToString() => Pool is null ? "Page (none)" : $"Page {Index}";
    }
}
