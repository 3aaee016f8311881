using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Framework types resolved once per compilation. Our own types and attributes are matched by
    /// name (see <see cref="Internals.MemallocNames"/>); these are the types whose delegate
    /// parameters run later, on another thread or after the caller returns.
    /// </summary>
    internal sealed class KnownSymbols
    {
        private readonly ImmutableHashSet<INamedTypeSymbol> _deferringTypes;

        internal KnownSymbols(Compilation compilation)
        {
            var builder = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (string name in new[]
            {
                "System.Threading.Tasks.Task",
                "System.Threading.Tasks.Task`1",
                "System.Threading.Tasks.TaskFactory",
                "System.Threading.Tasks.TaskFactory`1",
                "System.Threading.ThreadPool",
                "System.Threading.Thread",
                "System.Threading.Timer",
            })
            {
                INamedTypeSymbol? type = compilation.GetTypeByMetadataName(name);
                if (type is not null)
                {
                    builder.Add(type);
                }
            }

            _deferringTypes = builder.ToImmutable();
        }

        /// <summary>
        /// Whether a delegate passed to <paramref name="method"/> runs later: Task.Run, the Task
        /// constructors, Task.Factory.StartNew, ContinueWith, every ThreadPool method, and the Thread
        /// and Timer constructors.
        /// </summary>
        internal bool IsDeferringMethod(IMethodSymbol method)
        {
            INamedTypeSymbol type = method.ContainingType.OriginalDefinition;
            if (!_deferringTypes.Contains(type))
            {
                return false;
            }

            switch (type.Name)
            {
                case "ThreadPool":
                    return true;
                case "Thread":
                case "Timer":
                    return method.MethodKind == MethodKind.Constructor;
                case "TaskFactory":
                    return method.Name == "StartNew";
                default:
                    // Task and Task<T>
                    return method.MethodKind == MethodKind.Constructor || method.Name is "Run" or "ContinueWith";
            }
        }
    }
}
