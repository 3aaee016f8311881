using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// The framework types whose delegate parameters run later, on another thread or after the caller
    /// returns. Our own types and attributes are matched by name (see <see cref="Internals.MemallocNames"/>);
    /// so are these, by namespace, name and arity: resolving them with <c>GetTypeByMetadataName</c> searched
    /// every referenced assembly once per analyzer in every compilation, about a tenth of the rules' time on
    /// the editor path, where each keystroke is a new compilation. One difference, chosen: a type of one of
    /// these names declared twice (a polyfill in source or in two references) now defers too, where
    /// <c>GetTypeByMetadataName</c> found no type and the lambdas were analyzed as running at once.
    /// </summary>
    internal static class DeferringMethods
    {
        /// <summary>
        /// Whether a delegate passed to <paramref name="method"/> runs later: Task.Run, the Task
        /// constructors, Task.Factory.StartNew, ContinueWith, every ThreadPool method, and the Thread
        /// and Timer constructors.
        /// </summary>
        internal static bool Contains(IMethodSymbol method)
        {
            INamedTypeSymbol type = method.ContainingType.OriginalDefinition;
            if (type.ContainingType is not null)
            {
                return false;
            }

            switch (type.Name)
            {
                case "ThreadPool" when type.Arity == 0 && IsSystemThreading(type.ContainingNamespace, tasks: false):
                    return true;
                case "Thread" or "Timer" when type.Arity == 0 && IsSystemThreading(type.ContainingNamespace, tasks: false):
                    return method.MethodKind == MethodKind.Constructor;
                case "TaskFactory" when type.Arity <= 1 && IsSystemThreading(type.ContainingNamespace, tasks: true):
                    return method.Name == "StartNew";
                case "Task" when type.Arity <= 1 && IsSystemThreading(type.ContainingNamespace, tasks: true):
                    return method.MethodKind == MethodKind.Constructor || method.Name is "Run" or "ContinueWith";
                default:
                    return false;
            }
        }

        /// <summary>Whether <paramref name="ns"/> is <c>System.Threading</c> (or <c>System.Threading.Tasks</c> when <paramref name="tasks"/>).</summary>
        private static bool IsSystemThreading(INamespaceSymbol? ns, bool tasks)
        {
            if (tasks)
            {
                if (ns is not { Name: "Tasks" })
                {
                    return false;
                }

                ns = ns.ContainingNamespace;
            }

            return ns is { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
        }
    }
}
