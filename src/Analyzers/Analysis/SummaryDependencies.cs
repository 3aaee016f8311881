using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// What each summary of a newly explored region of the call graph depends on (<see cref="SummaryInputs"/>):
    /// the files of every method it reaches. A method reaches what its region callees reach and what the
    /// summaries of its other callees depend on; methods of a call cycle reach the same methods, so the
    /// region is split into strongly connected components (Tarjan's algorithm, iterative: no recursion on
    /// the call graph), which complete callees first. A summary that reaches a method without a kept name,
    /// or one whose own summary cannot be kept, cannot be kept either (null).
    /// </summary>
    internal sealed class SummaryDependencies
    {
        private readonly ReclaimReachability _reach;
        private readonly List<MethodRef> _region;
        private readonly Dictionary<MethodRef, int> _inRegion;
        private readonly KeptSummaryView _kept;
        private readonly CancellationToken _cancellationToken;

        internal SummaryDependencies(ReclaimReachability reach, List<MethodRef> region, Dictionary<MethodRef, int> inRegion, KeptSummaryView kept, CancellationToken cancellationToken)
        {
            _reach = reach;
            _region = region;
            _inRegion = inRegion;
            _kept = kept;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Per region method (by its index), what its summary depends on, or null when it cannot be kept.</summary>
        internal SummaryInputs?[] Compute()
        {
            int count = _region.Count;
            var result = new SummaryInputs?[count];
            int[] component = Components(out List<List<int>> components);
            foreach (List<int> members in components)
            {
                SummaryInputs? inputs = Inputs(members, component, result);
                foreach (int member in members)
                {
                    result[member] = inputs;
                }
            }

            return result;
        }

        /// <summary>The union of what one component's methods and their callees outside it depend on.</summary>
        private SummaryInputs? Inputs(List<int> members, int[] component, SummaryInputs?[] done)
        {
            ulong[] files = Array.Empty<ulong>();
            int self = component[members[0]];
            foreach (int member in members)
            {
                MethodRef method = _region[member];
                int file = method.Path is { } path ? _kept.Summaries.FileNumber(path) : -1;
                if (file < 0)
                {
                    return null;
                }

                files = Set(files, file);
                foreach (FactCall call in _reach.CallsOf(method, _cancellationToken))
                {
                    ulong[]? callee;
                    if (_inRegion.TryGetValue(call.Callee, out int index))
                    {
                        if (component[index] == self)
                        {
                            continue;
                        }

                        callee = done[index]?.Files;
                    }
                    else
                    {
                        callee = _reach.Summarised(call.Callee)?.Inputs?.Files;
                    }

                    if (callee is null)
                    {
                        return null;
                    }

                    files = Or(files, callee);
                }
            }

            return new SummaryInputs(files, _kept.Generation);
        }

        /// <summary>Each region method's component number; the components, each complete after every component it calls.</summary>
        private int[] Components(out List<List<int>> components)
        {
            int count = _region.Count;
            int[] order = new int[count];
            int[] low = new int[count];
            int[] component = new int[count];
            bool[] onStack = new bool[count];
            for (int i = 0; i < count; i++)
            {
                order[i] = -1;
                component[i] = -1;
            }

            components = new List<List<int>>();
            var stack = new Stack<int>();
            var work = new Stack<(int Method, int NextCall)>();
            int visited = 0;
            for (int root = 0; root < count; root++)
            {
                if (order[root] >= 0)
                {
                    continue;
                }

                order[root] = low[root] = visited++;
                stack.Push(root);
                onStack[root] = true;
                work.Push((root, 0));
                while (work.Count > 0)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    (int method, int next) = work.Pop();
                    ImmutableArray<FactCall> calls = _reach.CallsOf(_region[method], _cancellationToken);
                    bool descended = false;
                    while (next < calls.Length)
                    {
                        if (!_inRegion.TryGetValue(calls[next++].Callee, out int callee))
                        {
                            continue;
                        }

                        if (order[callee] < 0)
                        {
                            work.Push((method, next));
                            order[callee] = low[callee] = visited++;
                            stack.Push(callee);
                            onStack[callee] = true;
                            work.Push((callee, 0));
                            descended = true;
                            break;
                        }

                        if (onStack[callee])
                        {
                            low[method] = Math.Min(low[method], order[callee]);
                        }
                    }

                    if (descended)
                    {
                        continue;
                    }

                    if (low[method] == order[method])
                    {
                        var members = new List<int>();
                        int member;
                        do
                        {
                            member = stack.Pop();
                            onStack[member] = false;
                            component[member] = components.Count;
                            members.Add(member);
                        }
                        while (member != method);
                        components.Add(members);
                    }

                    if (work.Count > 0)
                    {
                        int caller = work.Peek().Method;
                        low[caller] = Math.Min(low[caller], low[method]);
                    }
                }
            }

            return component;
        }

        private static ulong[] Set(ulong[] files, int file)
        {
            files = Grow(files, (file / 64) + 1);
            files[file / 64] |= 1UL << (file % 64);
            return files;
        }

        private static ulong[] Or(ulong[] files, ulong[] other)
        {
            files = Grow(files, other.Length);
            for (int i = 0; i < other.Length; i++)
            {
                files[i] |= other[i];
            }

            return files;
        }

        private static ulong[] Grow(ulong[] files, int words)
        {
            if (files.Length >= words)
            {
                return files;
            }

            ulong[] grown = new ulong[words];
            Array.Copy(files, grown, files.Length);
            return grown;
        }
    }
}
