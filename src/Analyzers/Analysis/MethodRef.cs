using System;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// A method named without a symbol, so facts about it can outlive a compilation: the file of its
    /// declaration and the declaration's number there (<see cref="TreeDeclarations"/>). The name holds
    /// in every compilation whose declarations hash the same (<see cref="CompilationStamp"/>). A method
    /// that cannot be named so (declared by a type or parameter, in two places, or in a file whose path
    /// another file shares) gets a name for one compilation only: no <see cref="Path"/>, a serial number.
    /// </summary>
    internal readonly struct MethodRef : IEquatable<MethodRef>
    {
        private readonly int _hash;

        private MethodRef(string? path, int ordinal)
        {
            Path = path;
            Ordinal = ordinal;
            _hash = (ordinal * 397) ^ (path is null ? 0 : StringComparer.Ordinal.GetHashCode(path));
        }

        /// <summary>The file path of the declaration; null for a name that holds in one compilation only.</summary>
        internal string? Path { get; }

        /// <summary>The declaration's number in its file, or the serial number of a name without a path.</summary>
        internal int Ordinal { get; }

        /// <summary>Whether the name holds beyond the compilation it was made in.</summary>
        internal bool IsPortable => Path is not null;

        internal static MethodRef InFile(string path, int ordinal) => new(path, ordinal);

        internal static MethodRef Local(int serial) => new(null, serial);

        public bool Equals(MethodRef other) => Ordinal == other.Ordinal && _hash == other._hash && string.Equals(Path, other.Path, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is MethodRef other && Equals(other);

        public override int GetHashCode() => _hash;

        public override string ToString() => Path is null ? $"#{Ordinal}" : $"{Path}#{Ordinal}";
    }
}
