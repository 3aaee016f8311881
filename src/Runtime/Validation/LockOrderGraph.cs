using System;
using System.Collections.Generic;

namespace Memalloc
{
    /// <summary>
    /// The order in which lock classes have been taken, process-wide: an edge A → B means some thread
    /// took B while holding A. An edge that would close a cycle is reported instead of recorded.
    /// </summary>
    internal sealed class LockOrderGraph
    {
        private readonly object _gate = new();

        /// <summary>from → (to → the stack where the edge was first seen).</summary>
        private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

        internal void Clear()
        {
            lock (_gate)
            {
                _edges.Clear();
            }
        }

        /// <exception cref="LockOrderViolationException">Some thread already took <paramref name="from"/> while holding <paramref name="to"/>, directly or through other locks.</exception>
        internal void Add(string from, string to)
        {
            if (string.Equals(from, to, StringComparison.Ordinal))
            {
                return;
            }

            lock (_gate)
            {
                if (_edges.TryGetValue(from, out Dictionary<string, string>? targets) && targets.ContainsKey(to))
                {
                    return;
                }

                List<string>? path = PathBetween(to, from);
                string here = CallerStackTrace.Capture();
                if (path is not null)
                {
                    var recorded = new List<string>();
                    for (int i = 0; i + 1 < path.Count; i++)
                    {
                        recorded.Add($"{path[i]} -> {path[i + 1]} first taken at:{Environment.NewLine}{_edges[path[i]][path[i + 1]]}");
                    }

                    path.Insert(0, from);
                    throw LockOrderViolationException.Inversion(path, recorded, here);
                }

                if (targets is null)
                {
                    targets = new Dictionary<string, string>(StringComparer.Ordinal);
                    _edges.Add(from, targets);
                }

                targets.Add(to, here);
            }
        }

        /// <summary>The shortest recorded path <paramref name="start"/> → … → <paramref name="goal"/>, breadth first and iterative; null when there is none.</summary>
        private List<string>? PathBetween(string start, string goal)
        {
            var parents = new Dictionary<string, string?>(StringComparer.Ordinal) { [start] = null };
            var queue = new Queue<string>();
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                string node = queue.Dequeue();
                if (string.Equals(node, goal, StringComparison.Ordinal))
                {
                    var path = new List<string>();
                    for (string? step = node; step is not null; step = parents[step])
                    {
                        path.Add(step);
                    }

                    path.Reverse();
                    return path;
                }

                if (_edges.TryGetValue(node, out Dictionary<string, string>? next))
                {
                    foreach (string target in next.Keys)
                    {
                        if (!parents.ContainsKey(target))
                        {
                            parents.Add(target, node);
                            queue.Enqueue(target);
                        }
                    }
                }
            }

            return null;
        }
    }
}
