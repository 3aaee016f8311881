using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Names methods of one compilation by <see cref="MethodRef"/> and back: a method's name comes from its
    /// declaration's place (<see cref="TreeDeclarations"/>); a name made in an earlier compilation with the
    /// same <see cref="CompilationStamp"/> is found again through its file and number.
    /// </summary>
    internal sealed class MethodRefs
    {
        private readonly Compilation _compilation;
        private readonly Func<SyntaxTree, TreeDeclarations> _declarations;
        private readonly ConcurrentDictionary<IMethodSymbol, MethodRef> _refs = SymbolCache.Create<IMethodSymbol, MethodRef>();
        private readonly ConcurrentDictionary<MethodRef, IMethodSymbol?> _symbols = new();
        private readonly Lazy<Dictionary<string, SyntaxTree?>> _treesByPath;
        private int _serial;

        internal MethodRefs(Compilation compilation, Func<SyntaxTree, TreeDeclarations> declarations)
        {
            _compilation = compilation;
            _declarations = declarations;
            _treesByPath = new Lazy<Dictionary<string, SyntaxTree?>>(TreesByPath, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The declarations of <paramref name="tree"/>, kept across compilations when the rule provides a store.</summary>
        internal TreeDeclarations DeclarationsOf(SyntaxTree tree) => _declarations(tree);

        /// <summary>
        /// The symbol a method's facts are computed for: its original definition and, for a partial method, the
        /// definition part (the part interface and attribute lookups are made for), whichever part is at hand.
        /// </summary>
        internal static IMethodSymbol Canonical(IMethodSymbol method)
        {
            IMethodSymbol definition = method.OriginalDefinition;
            return definition.PartialDefinitionPart ?? definition;
        }

        /// <summary>The name of <paramref name="method"/> (any of its constructions or partial parts).</summary>
        internal MethodRef Of(IMethodSymbol method, CancellationToken cancellationToken)
        {
            IMethodSymbol definition = Canonical(method);
            if (_refs.TryGetValue(definition, out MethodRef known))
            {
                return known;
            }

            MethodRef made = Make(definition, cancellationToken);
            _symbols.TryAdd(made, definition);
            return _refs.GetOrAdd(definition, made);
        }

        /// <summary>The method named <paramref name="method"/> in this compilation, or null when nothing is declared there any more.</summary>
        internal IMethodSymbol? SymbolOf(MethodRef method, CancellationToken cancellationToken)
        {
            if (_symbols.TryGetValue(method, out IMethodSymbol? known))
            {
                return known;
            }

            IMethodSymbol? found = method.IsPortable ? Resolve(method, cancellationToken) : null;
            return _symbols.GetOrAdd(method, found);
        }

        /// <summary>The tree <paramref name="method"/>'s declaration is in, in this compilation; null for a name without a path.</summary>
        internal SyntaxTree? TreeOf(MethodRef method) => method.Path is { } path ? TreeAt(path) : null;

        /// <summary><c>Journal.Append</c>: how messages name the method.</summary>
        internal string Display(MethodRef method, CancellationToken cancellationToken) =>
            SymbolOf(method, cancellationToken) is { } symbol ? DisplayNames.Member(symbol) : "?";

        private MethodRef Make(IMethodSymbol definition, CancellationToken cancellationToken)
        {
            // A partial method's facts come from its implementation, so that is the declaration it is named by.
            IMethodSymbol declared = definition.PartialImplementationPart ?? definition;
            if (declared.DeclaringSyntaxReferences is { Length: 1 } references)
            {
                SyntaxNode declaration = references[0].GetSyntax(cancellationToken);
                SyntaxTree tree = declaration.SyntaxTree;
                if (TreeAt(tree.FilePath) == tree &&
                    _declarations(tree).OrdinalOf(declaration) is var ordinal and >= 0)
                {
                    return MethodRef.InFile(tree.FilePath, ordinal);
                }
            }

            return MethodRef.Local(Interlocked.Increment(ref _serial));
        }

        private IMethodSymbol? Resolve(MethodRef method, CancellationToken cancellationToken)
        {
            if (TreeOf(method) is not { } tree ||
                _declarations(tree).DeclarationAt(tree.GetRoot(cancellationToken), method.Ordinal) is not { } declaration)
            {
                return null;
            }

#pragma warning disable RS1030 // The declaration may be in another document than the one analyzed (see MethodBodies.Find).
            SemanticModel model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            ISymbol? symbol = declaration is ArrowExpressionClauseSyntax
                ? (model.GetDeclaredSymbol(declaration.Parent!, cancellationToken) as IPropertySymbol)?.GetMethod
                : model.GetDeclaredSymbol(declaration, cancellationToken);
            return symbol is IMethodSymbol found ? Canonical(found) : null;
        }

        /// <summary>The tree at <paramref name="path"/> in this compilation; null when none is, or two are.</summary>
        internal SyntaxTree? TreeAt(string path) => _treesByPath.Value.TryGetValue(path, out SyntaxTree? tree) ? tree : null;

        private Dictionary<string, SyntaxTree?> TreesByPath()
        {
            var trees = new Dictionary<string, SyntaxTree?>(StringComparer.Ordinal);
            foreach (SyntaxTree tree in _compilation.SyntaxTrees)
            {
                // Two files with one path cannot be told apart by it: their methods get names for this compilation only.
                trees[tree.FilePath] = trees.ContainsKey(tree.FilePath) ? null : tree;
            }

            return trees;
        }
    }
}
