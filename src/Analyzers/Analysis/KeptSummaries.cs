using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// The reclaim summaries (<see cref="ReclaimHop"/>) kept across the compilations of one assembly with one
    /// <see cref="CompilationStamp"/>: an editor makes a compilation per keystroke, and a summary can span
    /// hundreds of methods in other files, none of which the keystroke changed.
    /// </summary>
    /// <remarks>
    /// <para>A summary depends on the facts of every method its method reaches, and under one stamp a
    /// method's facts change only with the tree of its file. So a summary records the files of the methods
    /// it reaches (<see cref="SummaryInputs"/>), and this record a generation number: each compilation, as
    /// it begins (<see cref="Begin"/>), advances it for every file whose tree is not the one the last
    /// compilation to begin had, and marks the file changed at it. A summary holds in a compilation when
    /// no file it depends on changed after the summary was computed or after the compilation began
    /// (<see cref="Holds"/>).</para>
    /// <para>Compilations of different versions of a file may run at once (an editor starts the next one
    /// before the last is done): each version's first compilation to begin marks the file changed, after
    /// every summary the other version computed, so neither takes the other's summaries for that file.</para>
    /// </remarks>
    internal sealed class KeptSummaries
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, long> _lastTree = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<MethodRef, ReclaimHop> _writeback = new();
        private readonly ConcurrentDictionary<MethodRef, ReclaimHop> _io = new();
        private Dictionary<string, int> _fileNumbers = new(StringComparer.Ordinal); // replaced, never changed
        private int[] _changedAt = Array.Empty<int>(); // replaced, never changed
        private int _generation;

        /// <summary>The kept summaries for callbacks of <paramref name="kind"/>; a summary is used only when it <see cref="Holds"/>.</summary>
        internal ConcurrentDictionary<MethodRef, ReclaimHop> Hops(CallbackKind kind) => kind == CallbackKind.Io ? _io : _writeback;

        /// <summary>
        /// Brings the record up to a compilation whose files are <paramref name="files"/> (path, and the identity
        /// number of the tree there) and returns the generation the compilation runs at.
        /// </summary>
        internal int Begin(IReadOnlyList<(string Path, long Tree)> files)
        {
            lock (_gate)
            {
                Number(files);
                int[]? changedAt = null;
                foreach ((string path, long tree) in files)
                {
                    if (_lastTree.TryGetValue(path, out long last) && last == tree)
                    {
                        continue;
                    }

                    if (_lastTree.ContainsKey(path))
                    {
                        changedAt ??= (int[])_changedAt.Clone();
                        changedAt[_fileNumbers[path]] = ++_generation;
                    }

                    _lastTree[path] = tree;
                }

                if (changedAt is not null)
                {
                    Volatile.Write(ref _changedAt, changedAt);
                }

                return _generation;
            }
        }

        /// <summary>
        /// Keeps summaries (each with its <see cref="ReclaimHop.Inputs"/>) for callbacks of <paramref name="kind"/>;
        /// a summary computed at an earlier generation (a compilation of an older version that finished late)
        /// does not replace a later one.
        /// </summary>
        internal void Keep(CallbackKind kind, IEnumerable<KeyValuePair<MethodRef, ReclaimHop>> hops)
        {
            ConcurrentDictionary<MethodRef, ReclaimHop> kept = Hops(kind);
            foreach (KeyValuePair<MethodRef, ReclaimHop> hop in hops)
            {
                kept.AddOrUpdate(hop.Key, hop.Value, (_, old) => Generation(old) > Generation(hop.Value) ? old : hop.Value);
            }
        }

        private static int Generation(ReclaimHop hop) => hop.Inputs?.Generation ?? -1;

        /// <summary>The number of the file at <paramref name="path"/> (every file of a begun compilation has one), or -1.</summary>
        internal int FileNumber(string path) => Volatile.Read(ref _fileNumbers).TryGetValue(path, out int number) ? number : -1;

        /// <summary>
        /// Whether <paramref name="hop"/> holds in a compilation that began at <paramref name="generation"/>: no
        /// file it depends on changed after it was computed or after the compilation began.
        /// </summary>
        internal bool Holds(ReclaimHop hop, int generation)
        {
            if (hop.Inputs is not { } inputs)
            {
                return false;
            }

            int since = Math.Min(inputs.Generation, generation);
            int[] changedAt = Volatile.Read(ref _changedAt);
            ulong[] files = inputs.Files;
            for (int word = 0; word < files.Length; word++)
            {
                for (ulong bits = files[word]; bits != 0; bits &= bits - 1)
                {
                    int file = (word * 64) + TrailingZeros(bits);
                    if (file >= changedAt.Length || changedAt[file] > since)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static int TrailingZeros(ulong bits)
        {
            int count = 0;
            while ((bits & 1) == 0)
            {
                bits >>= 1;
                count++;
            }

            return count;
        }

        // Under _gate: gives every new path a number (and a place in _changedAt).
        private void Number(IReadOnlyList<(string Path, long Tree)> files)
        {
            Dictionary<string, int>? numbers = null;
            foreach ((string path, long _) in files)
            {
                if (!(numbers ?? _fileNumbers).ContainsKey(path))
                {
                    numbers ??= new Dictionary<string, int>(_fileNumbers, StringComparer.Ordinal);
                    numbers[path] = numbers.Count;
                }
            }

            if (numbers is not null)
            {
                int[] changedAt = new int[numbers.Count];
                Array.Copy(_changedAt, changedAt, _changedAt.Length);
                Volatile.Write(ref _changedAt, changedAt);
                Volatile.Write(ref _fileNumbers, numbers);
            }
        }
    }
}
