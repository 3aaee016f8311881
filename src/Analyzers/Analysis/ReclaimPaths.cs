using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NoFsScope.Analyzers.Internals;

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
        /// <c>'Journal.Append' → 'Log.Grow' → 'BufferPool.Rent(AllocFlags)'</c>, starting at
        /// <paramref name="callee"/>, and the call site of each hop in the helpers.
        /// </summary>
        internal static (List<string> Names, List<Location> Hops) Describe(ReclaimReachability reach, IMethodSymbol callee, CancellationToken cancellationToken)
        {
            var names = new List<string>();
            var hops = new List<Location>();
            IMethodSymbol current = callee;
            ReclaimHop hop = reach.Of(current, cancellationToken);
            while (hop.Reaches)
            {
                names.Add(DisplayNames.Member(current));
                if (hop.Site is { } site && hops.Count < MaxLocations)
                {
                    hops.Add(site.GetLocation());
                }

                if (hop.Distance == 0 || hop.Next is null)
                {
                    names.Add(DisplayNames.Call(hop.Allocation!));
                    break;
                }

                current = hop.Next;
                hop = reach.Of(current, cancellationToken);
            }

            return (names, hops);
        }

        /// <summary><c>'A' → 'B' → 'C'</c>, shortened in the middle when long.</summary>
        internal static string Join(IReadOnlyList<string> names)
        {
            IEnumerable<string> shown = names.Count <= MaxNames
                ? names
                : names.Take(MaxNames / 2).Concat(new[] { $"… {names.Count - MaxNames} more …" }).Concat(names.Skip(names.Count - (MaxNames / 2)));
            return string.Join(" → ", shown.Select(n => n.StartsWith("…", System.StringComparison.Ordinal) ? n : "'" + n + "'"));
        }
    }
}
