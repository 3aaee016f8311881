using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// What one syntax tree declares, read from syntax alone and kept for as long as the tree lives (an
    /// editor reuses the trees of unchanged documents in every new compilation):
    /// <list type="bullet">
    /// <item>the method-like declarations (methods, constructors, operators, accessors, expression-bodied
    /// properties and indexers), numbered in document order, so a method is named by its file and number
    /// (<see cref="MethodRef"/>) without any symbol;</item>
    /// <item>a hash of the tree's text outside those members' bodies (<see cref="Hash"/>). Binding a body
    /// depends on the bodies of no other member, only on declarations, so while every tree of a compilation
    /// hashes the same, an unchanged tree binds the same way and its members keep their numbers;</item>
    /// <item>the facts of its methods (<see cref="Facts"/>), valid for one <see cref="CompilationStamp"/>.</item>
    /// </list>
    /// </summary>
    internal sealed class TreeDeclarations
    {
        private readonly SyntaxTree _tree;
        private readonly Dictionary<int, int> _ordinalAt;
        private readonly int[] _starts;
        private readonly TextSpan[] _bodies;
        private readonly Lazy<ulong> _hash;
        private StampedFacts? _facts;
        private DeclaredMembers? _members;

        private TreeDeclarations(SyntaxTree tree, Dictionary<int, int> ordinalAt, int[] starts, TextSpan[] bodies)
        {
            _tree = tree;
            _ordinalAt = ordinalAt;
            _starts = starts;
            _bodies = bodies;
            _hash = new Lazy<ulong>(ComputeHash, LazyThreadSafetyMode.PublicationOnly);
        }

        /// <summary>The tree's text outside member bodies (file path included); computed on first use (a build that keeps nothing never asks).</summary>
        internal ulong Hash => _hash.Value;

        /// <summary>Reads <paramref name="tree"/>: its declarations are walked, no body is entered.</summary>
        internal static TreeDeclarations Of(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var ordinalAt = new Dictionary<int, int>();
            var starts = new List<int>();
            var bodies = new List<TextSpan>();
            foreach (SyntaxNode node in tree.GetRoot(cancellationToken).DescendantNodes(IsDeclarationContainer))
            {
                if (!IsMethodDeclaration(node))
                {
                    continue;
                }

                ordinalAt[node.SpanStart] = starts.Count;
                starts.Add(node.SpanStart);
                if (BodyOf(node) is { } body && (bodies.Count == 0 || body.Span.Start >= bodies[bodies.Count - 1].End))
                {
                    bodies.Add(body.Span);
                }
            }

            return new TreeDeclarations(tree, ordinalAt, starts.ToArray(), bodies.ToArray());
        }

        /// <summary>The member names the tree's types declare (for <see cref="ImplementationIndex"/>), read on first use.</summary>
        internal DeclaredMembers Members
        {
            get
            {
                if (Volatile.Read(ref _members) is { } known)
                {
                    return known;
                }

                Interlocked.CompareExchange(ref _members, DeclaredMembers.Of(_tree, CancellationToken.None), null);
                return _members!;
            }
        }

        /// <summary>The number of the method declared by <paramref name="declaration"/>, or -1 when it is not one of this tree's numbered declarations.</summary>
        internal int OrdinalOf(SyntaxNode declaration) =>
            IsMethodDeclaration(declaration) && _ordinalAt.TryGetValue(declaration.SpanStart, out int ordinal) ? ordinal : -1;

        /// <summary>The declaration numbered <paramref name="ordinal"/> in <paramref name="root"/> (the root of this tree), or null.</summary>
        internal SyntaxNode? DeclarationAt(SyntaxNode root, int ordinal)
        {
            if (ordinal < 0 || ordinal >= _starts.Length)
            {
                return null;
            }

            int start = _starts[ordinal];
            for (SyntaxNode? node = root.FindToken(start).Parent; node is not null; node = node.Parent)
            {
                if (node.SpanStart == start && IsMethodDeclaration(node))
                {
                    return node;
                }
            }

            return null;
        }

        /// <summary>Keeps <paramref name="facts"/> of the method numbered <paramref name="ordinal"/> for <paramref name="stamp"/>; what is kept for another stamp is dropped.</summary>
        internal void Keep(ulong stamp, int ordinal, MethodFacts facts) => Put(stamp, static kept => kept.ByOrdinal, ordinal, facts);

        /// <summary>The kept facts of the method numbered <paramref name="ordinal"/> for <paramref name="stamp"/>.</summary>
        internal MethodFacts? KeptFacts(ulong stamp, int ordinal) => Get(stamp, static kept => kept.ByOrdinal, ordinal);

        /// <summary>Keeps how messages name the method numbered <paramref name="ordinal"/> (naming it needs its symbol, whose type's members a new compilation would create).</summary>
        internal void KeepName(ulong stamp, int ordinal, string name) => Put(stamp, static kept => kept.Names, ordinal, name);

        /// <summary>The kept name of the method numbered <paramref name="ordinal"/> for <paramref name="stamp"/>.</summary>
        internal string? KeptName(ulong stamp, int ordinal) => Get(stamp, static kept => kept.Names, ordinal);

        private void Put<T>(ulong stamp, Func<StampedFacts, Dictionary<int, T>> table, int ordinal, T value)
            where T : class
        {
            StampedFacts kept = KeptOrFresh(stamp);
            lock (kept)
            {
                table(kept)[ordinal] = value;
            }
        }

        private T? Get<T>(ulong stamp, Func<StampedFacts, Dictionary<int, T>> table, int ordinal)
            where T : class
        {
            if (Kept(stamp) is not { } kept)
            {
                return null;
            }

            lock (kept)
            {
                return table(kept).TryGetValue(ordinal, out T? value) ? value : null;
            }
        }

        private StampedFacts? Kept(ulong stamp) => Volatile.Read(ref _facts) is { } kept && kept.Stamp == stamp ? kept : null;

        private StampedFacts KeptOrFresh(ulong stamp)
        {
            while (true)
            {
                StampedFacts? kept = Volatile.Read(ref _facts);
                if (kept is not null && kept.Stamp == stamp)
                {
                    return kept;
                }

                var fresh = new StampedFacts(stamp);
                if (Interlocked.CompareExchange(ref _facts, fresh, kept) == kept)
                {
                    return fresh;
                }
            }
        }

        /// <summary>Namespaces, types and property-like members: what holds method-like declarations outside any body.</summary>
        private static bool IsDeclarationContainer(SyntaxNode node) =>
            node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or BasePropertyDeclarationSyntax or AccessorListSyntax;

        private static bool IsMethodDeclaration(SyntaxNode node) =>
            node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax ||
            (node is ArrowExpressionClauseSyntax && node.Parent is BasePropertyDeclarationSyntax);

        private static SyntaxNode? BodyOf(SyntaxNode declaration) => declaration switch
        {
            BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
            AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody,
            _ => declaration, // an expression-bodied property or indexer: the arrow clause is the body
        };

        private ulong ComputeHash()
        {
            SourceText text = _tree.GetText();
            ulong hash = Fnv.Mix(Fnv.Offset, _tree.FilePath);
            var buffer = new char[1024];
            int outsideFrom = 0;
            foreach (TextSpan body in _bodies)
            {
                hash = Mix(hash, text, TextSpan.FromBounds(outsideFrom, body.Start), buffer);
                hash = Fnv.Step(hash, '\u0001'); // one body, whatever it holds
                outsideFrom = body.End;
            }

            return Mix(hash, text, TextSpan.FromBounds(outsideFrom, text.Length), buffer);
        }

        private static ulong Mix(ulong hash, SourceText text, TextSpan span, char[] buffer)
        {
            for (int at = span.Start; at < span.End; at += buffer.Length)
            {
                int count = System.Math.Min(buffer.Length, span.End - at);
                text.CopyTo(at, buffer, 0, count);
                for (int i = 0; i < count; i++)
                {
                    hash = Fnv.Step(hash, buffer[i]);
                }
            }

            return hash;
        }

        private sealed class StampedFacts
        {
            internal StampedFacts(ulong stamp) => Stamp = stamp;

            internal ulong Stamp { get; }

            internal Dictionary<int, MethodFacts> ByOrdinal { get; } = new();

            internal Dictionary<int, string> Names { get; } = new();
        }
    }
}
