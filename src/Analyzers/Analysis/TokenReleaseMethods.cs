using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using NoFsScope.Analyzers.Internals;
using Microsoft.CodeAnalysis.Operations;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Whether a type that keeps a <c>MemallocContext.Save</c> token in a field restores it in one of
    /// the methods that end its life (Dispose, DisposeAsync, Commit, Complete, Cancel, Abort) — the XFS
    /// transaction pattern. Cached per field for the compilation.
    /// </summary>
    internal sealed class TokenReleaseMethods
    {
        private static readonly string[] ReleaseMethodNames = { "Dispose", "DisposeAsync", "Commit", "Complete", "Cancel", "Abort" };

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<IFieldSymbol, bool> _restores = SymbolCache.Create<IFieldSymbol, bool>();

        internal TokenReleaseMethods(Compilation compilation) => _compilation = compilation;

        internal bool Restores(IFieldSymbol field, CancellationToken cancellationToken) =>
            _restores.GetOrAdd(field, f => Compute(f, cancellationToken));

        private bool Compute(IFieldSymbol field, CancellationToken cancellationToken)
        {
            foreach (string name in ReleaseMethodNames)
            {
                foreach (ISymbol member in field.ContainingType.GetMembers(name))
                {
                    if (member is IMethodSymbol method && MethodBodies.Find(method, _compilation, cancellationToken) is { } body)
                    {
                        foreach (IOperation operation in body.DescendantsAndSelf())
                        {
                            if (ScopeRecognition.IsRestoreOf(operation, field))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }
    }
}
