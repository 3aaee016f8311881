using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Which types declare a member of a given name, read from the type declarations of a syntax tree
    /// without binding anything (bodies are not entered). Types are kept by name, so a same-named
    /// type is at worst looked at needlessly. An accessor's method (<c>get_X</c>) is found under its
    /// property or event (<c>X</c>), an indexer's (<c>get_Item</c>, or another name given by
    /// <c>[IndexerName]</c>) under <c>this[]</c>; a member
    /// implemented explicitly (<c>void IStore.Put()</c>) is marked so, since its symbol is named
    /// 'IStore.Put'. Records, whose compiler-made members have no syntax, declare every name.
    /// </summary>
    internal sealed class DeclaredMembers
    {
        private const string AnyName = "*";
        private const string OperatorPrefix = "op_";
        private static readonly ImmutableArray<string> AccessorPrefixes = ImmutableArray.Create("get_", "set_", "add_", "remove_");

        /// <summary>Member name → declaring type name → whether some declaration of it is explicit.</summary>
        private readonly Dictionary<string, Dictionary<string, bool>> _types;

        private DeclaredMembers(Dictionary<string, Dictionary<string, bool>> types) => _types = types;

        /// <summary>The catalog of one tree (kept with the tree by <see cref="TreeDeclarations"/>, so an edit reads only the edited tree again).</summary>
        internal static DeclaredMembers Of(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var types = new Dictionary<string, Dictionary<string, bool>>(StringComparer.Ordinal);
            var pending = new Stack<SyntaxNode>();
            pending.Push(tree.GetRoot(cancellationToken));
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SyntaxNode container = pending.Pop();
                SyntaxList<MemberDeclarationSyntax> members = container switch
                {
                    CompilationUnitSyntax unit => unit.Members,
                    BaseNamespaceDeclarationSyntax ns => ns.Members,
                    TypeDeclarationSyntax type => type.Members,
                    _ => default,
                };
                string? typeName = (container as TypeDeclarationSyntax)?.Identifier.ValueText;
                if (container is RecordDeclarationSyntax)
                {
                    Add(types, AnyName, typeName!, explicitly: false);
                }

                foreach (MemberDeclarationSyntax member in members)
                {
                    if (member is BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                    {
                        pending.Push(member);
                    }
                    else if (typeName is not null)
                    {
                        AddMember(types, typeName, member);
                    }
                }
            }

            return new DeclaredMembers(types);
        }

        /// <summary>
        /// The names of the types that may declare a method named <paramref name="method"/> in any of
        /// <paramref name="trees"/> (their catalogs), each with whether it may do so explicitly.
        /// </summary>
        internal static Dictionary<string, bool> TypesDeclaring(IEnumerable<DeclaredMembers> trees, string method)
        {
            var found = new Dictionary<string, bool>(StringComparer.Ordinal);
            string? accessorOf = null;
            foreach (string prefix in AccessorPrefixes)
            {
                if (method.StartsWith(prefix, StringComparison.Ordinal))
                {
                    accessorOf = method.Substring(prefix.Length);
                    break;
                }
            }

            foreach (DeclaredMembers tree in trees)
            {
                tree.Collect(method, found);
                tree.Collect(AnyName, found);
                if (method.StartsWith(OperatorPrefix, StringComparison.Ordinal))
                {
                    tree.Collect(OperatorPrefix, found);
                }

                if (accessorOf is not null)
                {
                    // Indexers are declared as 'this[]' whatever their accessors are named ([IndexerName]).
                    tree.Collect(accessorOf, found);
                    tree.Collect(WellKnownMemberNames.Indexer, found);
                }
            }

            return found;
        }

        private void Collect(string name, Dictionary<string, bool> found)
        {
            if (_types.TryGetValue(name, out Dictionary<string, bool>? declaring))
            {
                foreach (KeyValuePair<string, bool> type in declaring)
                {
                    found[type.Key] = (found.TryGetValue(type.Key, out bool explicitly) && explicitly) || type.Value;
                }
            }
        }

        private static void AddMember(Dictionary<string, Dictionary<string, bool>> types, string typeName, MemberDeclarationSyntax member)
        {
            switch (member)
            {
                case MethodDeclarationSyntax method:
                    Add(types, method.Identifier.ValueText, typeName, method.ExplicitInterfaceSpecifier is not null);
                    break;
                case PropertyDeclarationSyntax property:
                    Add(types, property.Identifier.ValueText, typeName, property.ExplicitInterfaceSpecifier is not null);
                    break;
                case EventDeclarationSyntax @event:
                    Add(types, @event.Identifier.ValueText, typeName, @event.ExplicitInterfaceSpecifier is not null);
                    break;
                case IndexerDeclarationSyntax indexer:
                    Add(types, WellKnownMemberNames.Indexer, typeName, indexer.ExplicitInterfaceSpecifier is not null);
                    break;
                case EventFieldDeclarationSyntax eventField:
                    foreach (VariableDeclaratorSyntax variable in eventField.Declaration.Variables)
                    {
                        Add(types, variable.Identifier.ValueText, typeName, explicitly: false);
                    }

                    break;
                case OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax:
                    // Static abstract interface operators: the metadata name is not worth deriving from syntax.
                    Add(types, OperatorPrefix, typeName, explicitly: true);
                    break;
            }
        }

        private static void Add(Dictionary<string, Dictionary<string, bool>> types, string name, string typeName, bool explicitly)
        {
            if (!types.TryGetValue(name, out Dictionary<string, bool>? declaring))
            {
                declaring = new Dictionary<string, bool>(StringComparer.Ordinal);
                types.Add(name, declaring);
            }

            declaring[typeName] = (declaring.TryGetValue(typeName, out bool before) && before) || explicitly;
        }
    }
}
