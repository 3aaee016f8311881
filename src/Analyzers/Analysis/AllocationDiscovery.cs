using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Configuration;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Recognises reclaim-capable allocations among operations:
    /// <list type="bullet">
    /// <item>a call or object creation whose target takes <c>Memalloc.AllocFlags</c> (the gfp convention):
    /// it may use whatever its flags arguments may carry; an omitted optional argument counts as its default;</item>
    /// <item>otherwise, a target marked <c>[MayReclaim]</c> (on it or a member it overrides or implements) or listed
    /// as an allocator in NoFsScope.txt: it may use <c>AllocFlags.Default</c>.</item>
    /// </list>
    /// </summary>
    internal sealed class AllocationDiscovery
    {
        private readonly DocumentationIds _ids;
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _marked = SymbolCache.Create<IMethodSymbol, bool>();

        internal AllocationDiscovery(DocumentationIds ids) => _ids = ids;

        internal bool TryGet(IOperation operation, out Allocation allocation)
        {
            (IMethodSymbol? target, ImmutableArray<IArgumentOperation> arguments) = operation switch
            {
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
                _ => (null, ImmutableArray<IArgumentOperation>.Empty),
            };

            allocation = default;
            if (target is null)
            {
                return false;
            }

            GfpFlags mayUse;
            if (!TryGetRequestedFlags(target, arguments, out mayUse))
            {
                if (!IsMarked(target))
                {
                    return false;
                }

                mayUse = GfpFlags.Default;
            }

            allocation = new Allocation(operation, target, mayUse);
            return true;
        }

        /// <summary>
        /// The union of what every AllocFlags argument may carry, if the target is declared to take any
        /// and is an allocator at all: methods that return AllocFlags compute flags, and the runtime's own
        /// MemallocContext and MemallocValidator only inspect them.
        /// </summary>
        private static bool TryGetRequestedFlags(IMethodSymbol target, ImmutableArray<IArgumentOperation> arguments, out GfpFlags mayUse)
        {
            mayUse = GfpFlags.None;
            if (MemallocNames.IsMemallocType(target.ReturnType, MemallocNames.AllocFlags) ||
                MemallocNames.IsMemallocType(target.ContainingType, MemallocNames.MemallocContext) ||
                MemallocNames.IsMemallocType(target.ContainingType, MemallocNames.MemallocValidator))
            {
                return false;
            }

            bool takesFlags = false;
            foreach (IParameterSymbol parameter in target.Parameters)
            {
                // Judged on the declaration: List<AllocFlags>.Add or Dictionary<AllocFlags, T>.TryGetValue store
                // or look up flags, they do not allocate with them. A delegate's Invoke is judged as
                // constructed: a Func<AllocFlags, byte[]> is an allocator handed around.
                ITypeSymbol declared = target.MethodKind == MethodKind.DelegateInvoke ? parameter.Type : parameter.OriginalDefinition.Type;
                if (!MemallocNames.IsMemallocType(declared, MemallocNames.AllocFlags))
                {
                    continue;
                }

                takesFlags = true;
                IArgumentOperation? argument = FindArgument(arguments, parameter);
                if (argument?.Value is IInvalidOperation)
                {
                    // The user is still typing the flags: judge the call once it binds.
                    return false;
                }

                // Arguments left out appear as implicit DefaultValue arguments; a missing one (broken code) counts as Default.
                mayUse |= argument is null ? GfpFlags.Default : AllocFlagsEvaluator.MayCarry(argument.Value);
            }

            return takesFlags;
        }

        private static IArgumentOperation? FindArgument(ImmutableArray<IArgumentOperation> arguments, IParameterSymbol parameter)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, parameter.OriginalDefinition))
                {
                    return argument;
                }
            }

            return null;
        }

        private bool IsMarked(IMethodSymbol target) => _marked.GetOrAdd(target.OriginalDefinition, m => MethodFamily.Any(
            m,
            _ids,
            static (candidate, ids) => MemallocNames.HasAttribute(candidate, MemallocNames.MayReclaimAttribute) || ids.IsListed(candidate, ConfigEntryKind.Allocator)));
    }
}
