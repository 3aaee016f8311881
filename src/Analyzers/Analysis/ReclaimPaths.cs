using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>Spells out a shortest path found by <see cref="ReclaimReachability"/> for a message and its additional locations.</summary>
    internal static class ReclaimPaths
    {
        /// <summary>Paths longer than this many names show their ends around an ellipsis.</summary>
        private const int MaxNames = 8;

        /// <summary>At most this many hop locations are attached to a diagnostic.</summary>
        private const int MaxLocations = 16;

        /// <summary>
        /// <c>'Journal.Append' → 'Log.Grow' → 'BufferPool.Rent(AllocFlags)'</c>: the path from
        /// <paramref name="callee"/> (after <paramref name="prefix"/> when given; without the callee itself when
        /// <paramref name="skipCallee"/>), shortened in the middle when long, and the call site of each of the
        /// first hops. Work is bounded by the names shown and <see cref="MaxLocations"/>, not by the path's
        /// length: the middle of a long path is skipped through <see cref="ReclaimHop.Tail"/>.
        /// </summary>
        internal static (string Path, List<Location> Hops) Describe(ReclaimReachability reach, MethodRef callee, string? prefix, bool skipCallee, CancellationToken cancellationToken)
        {
            MethodRef current = callee;
            ReclaimHop hop = reach.Of(current, cancellationToken);
            var hops = new List<Location>();
            if (!hop.Reaches)
            {
                return (string.Empty, hops);
            }

            // Positions in the full list of names: [prefix], the methods from the callee on, the allocation.
            int first = prefix is null ? 0 : 1;
            int offset = first - (skipCallee ? 1 : 0);
            int total = offset + hop.Distance + 2;
            bool shorten = total > MaxNames;
            int headEnd = shorten ? MaxNames / 2 : total;
            int tailStart = shorten ? total - (MaxNames / 2) : total;

            var head = new List<string>();
            var tail = new List<string>();
            if (prefix is not null)
            {
                head.Add(prefix);
            }

            int position = offset;
            while (hop.Reaches)
            {
                if (position >= first)
                {
                    Show(reach.Display(current, cancellationToken), position);
                }

                if (hops.Count < MaxLocations && reach.SiteOf(current, hop, cancellationToken) is { } site)
                {
                    hops.Add(site.GetLocation());
                }

                if (hop.Distance == 0 || hop.Next is null)
                {
                    Show(hop.Allocation!, position + 1);
                    break;
                }

                // A method at distance d stands at position total - 2 - d. Once the head is shown and the hop
                // locations are full, jump to the method the tail starts from (it stands before the tail).
                int tailMethodPosition = total - 2 - ReclaimHop.TailDistance;
                bool skip = position + 1 >= headEnd && hops.Count >= MaxLocations && hop.Tail is not null && tailMethodPosition > position;
                current = skip ? hop.Tail.GetValueOrDefault() : hop.Next.GetValueOrDefault();
                position = skip ? tailMethodPosition : position + 1;
                hop = reach.Of(current, cancellationToken);
            }

            string path = Join(head);
            if (shorten)
            {
                path += $" → … {total - head.Count - tail.Count} more … → " + Join(tail);
            }

            return (path, hops);

            void Show(string name, int at)
            {
                if (at < headEnd)
                {
                    head.Add(name);
                }
                else if (at >= tailStart)
                {
                    tail.Add(name);
                }
            }
        }

        /// <summary><c>'A' → 'B' → 'C'</c>.</summary>
        private static string Join(IEnumerable<string> names) => string.Join(" → ", names.Select(n => "'" + n + "'"));
    }
}
