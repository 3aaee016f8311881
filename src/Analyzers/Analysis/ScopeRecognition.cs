using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Recognises the operations that open and close a scope: <c>NoFsScope.Enter()</c>,
    /// <c>NoIoScope.Enter()</c>, <c>NoReclaimScope.Enter()</c>, <c>MemallocScope.Enter(c)</c>, their
    /// async counterparts (<c>AsyncNoFsScope</c>, <c>AsyncNoIoScope</c>, <c>AsyncMemallocScope</c>),
    /// <c>MemallocContext.Save(c)</c> and <c>MemallocContext.Restore(saved)</c>. A flags argument
    /// counts only when it is a constant. <c>Acquire()</c> on a reclaim-unsafe
    /// <c>ReclaimAwareLock</c> opens a NoFs scope too (see <see cref="ReclaimUnsafeLocks"/>).
    /// </summary>
    internal static class ScopeRecognition
    {
        private static readonly string[] ThreadScopeTypes = { MemallocNames.NoFsScope, MemallocNames.NoIoScope, MemallocNames.NoReclaimScope, MemallocNames.MemallocScope };

        private static readonly string[] FlowScopeTypes = { MemallocNames.AsyncNoFsScope, MemallocNames.AsyncNoIoScope, MemallocNames.AsyncMemallocScope };

        /// <summary>The flags a scope-creating expression provably sets; None when it is not one.</summary>
        internal static ScopeFlags FlagsOfScopeCreation(IOperation? value)
        {
            if (Unwrap(value) is not IInvocationOperation { TargetMethod: { } method } invocation)
            {
                return ScopeFlags.None;
            }

            if (ReclaimUnsafeLocks.IsReclaimUnsafeAcquire(invocation, CancellationToken.None))
            {
                // `using (_reclaimUnsafeLock.Acquire())`: holding the lock implies NoFs at run time.
                return ScopeFlags.NoFs;
            }

            if (method.Name != "Enter" || !method.IsStatic)
            {
                // A helper that returns a thread scope (`NoFsScope EnterWritebackScope() => NoFsScope.Enter();`):
                // the scope types can only be made by Enter, so the type says what it holds.
                return FlagsOfScopeType(method.ReturnType);
            }

            ITypeSymbol type = method.ContainingType;
            ScopeFlags fixedFlags = FlagsOfScopeType(type);
            if (fixedFlags != ScopeFlags.None)
            {
                return fixedFlags;
            }

            return MemallocNames.IsMemallocType(type, MemallocNames.MemallocScope) || MemallocNames.IsMemallocType(type, MemallocNames.AsyncMemallocScope)
                ? ConstantFlags(invocation)
                : ScopeFlags.None;
        }

        /// <summary>The scope type an expression creates (a thread scope such as <c>NoFsScope</c>, or an async one such as <c>AsyncNoFsScope</c>), whatever its flags; null when it is not one.</summary>
        internal static string? ScopeTypeCreated(IOperation? value) => ThreadScopeTypeCreated(value) ?? TypeCreated(value, FlowScopeTypes);

        /// <summary>The thread scope type (<c>NoFsScope</c>, <c>NoIoScope</c>, <c>NoReclaimScope</c>, <c>MemallocScope</c>) an expression creates; null when it is not one.</summary>
        internal static string? ThreadScopeTypeCreated(IOperation? value) => TypeCreated(value, ThreadScopeTypes);

        /// <summary>Whether the expression creates an async scope, whose flags follow the logical flow across <c>await</c>.</summary>
        internal static bool IsFlowScopeCreation(IOperation? value) => TypeCreated(value, FlowScopeTypes) is not null;

        private static string? TypeCreated(IOperation? value, string[] names)
        {
            if (Unwrap(value) is not IInvocationOperation { TargetMethod.ReturnType: { } type })
            {
                return null;
            }

            foreach (string name in names)
            {
                if (MemallocNames.IsMemallocType(type, name))
                {
                    return name;
                }
            }

            return null;
        }

        private static ScopeFlags FlagsOfScopeType(ITypeSymbol type)
        {
            if (MemallocNames.IsMemallocType(type, MemallocNames.NoFsScope) || MemallocNames.IsMemallocType(type, MemallocNames.AsyncNoFsScope))
            {
                return ScopeFlags.NoFs;
            }

            if (MemallocNames.IsMemallocType(type, MemallocNames.NoIoScope) || MemallocNames.IsMemallocType(type, MemallocNames.AsyncNoIoScope))
            {
                return ScopeFlags.NoIo;
            }

            return MemallocNames.IsMemallocType(type, MemallocNames.NoReclaimScope) ? ScopeFlags.NoReclaim : ScopeFlags.None;
        }

        /// <summary>Whether <paramref name="operation"/> ends what <paramref name="variable"/> holds: <c>variable.Dispose()</c> for a scope, <c>MemallocContext.Restore(variable)</c> for a saved token.</summary>
        internal static bool IsCloseOf(IOperation operation, ISymbol variable, bool dispose) =>
            dispose ? IsDisposeOf(operation, variable) : IsRestoreOf(operation, variable);

        /// <summary>Whether <paramref name="operation"/> is <c>scope.Dispose()</c> on the local (or field) <paramref name="scope"/>.</summary>
        internal static bool IsDisposeOf(IOperation operation, ISymbol scope)
        {
            return operation is IInvocationOperation { TargetMethod: { Name: "Dispose", Parameters.Length: 0 } } invocation
                && SymbolEqualityComparer.Default.Equals(ReferencedSymbol(invocation.Instance), scope);
        }

        /// <summary>The flags a <c>MemallocContext.Save(c)</c> call provably sets; None when <paramref name="value"/> is not one.</summary>
        internal static ScopeFlags FlagsOfSave(IOperation? value)
        {
            return Unwrap(value) is IInvocationOperation invocation && IsContextMethod(invocation, "Save")
                ? ConstantFlags(invocation)
                : ScopeFlags.None;
        }

        /// <summary>Whether <paramref name="value"/> is a <c>MemallocContext.Save(…)</c> call, whatever its flags.</summary>
        internal static bool IsSave(IOperation? value) => Unwrap(value) is IInvocationOperation invocation && IsContextMethod(invocation, "Save");

        /// <summary>The variable whose token <c>MemallocContext.Restore(x)</c> restores, or null.</summary>
        internal static ISymbol? RestoredToken(IInvocationOperation invocation) =>
            IsContextMethod(invocation, "Restore") && invocation.Arguments.Length == 1 ? ReferencedSymbol(invocation.Arguments[0].Value) : null;

        /// <summary>Whether <paramref name="operation"/> is <c>MemallocContext.Restore(x)</c> with <c>x</c> a reference to <paramref name="saved"/>.</summary>
        internal static bool IsRestoreOf(IOperation operation, ISymbol saved)
        {
            return operation is IInvocationOperation invocation
                && IsContextMethod(invocation, "Restore")
                && invocation.Arguments.Length == 1
                && SymbolEqualityComparer.Default.Equals(ReferencedSymbol(invocation.Arguments[0].Value), saved);
        }

        /// <summary>The local, field or parameter an expression reads or writes, if it is that simple.</summary>
        internal static ISymbol? ReferencedSymbol(IOperation? operation) => Unwrap(operation) switch
        {
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation field => field.Field,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

        private static bool IsContextMethod(IInvocationOperation invocation, string name)
        {
            return invocation.TargetMethod.Name == name
                && MemallocNames.IsMemallocType(invocation.TargetMethod.ContainingType, MemallocNames.MemallocContext);
        }

        private static ScopeFlags ConstantFlags(IInvocationOperation invocation)
        {
            if (invocation.Arguments.Length == 1 &&
                Unwrap(invocation.Arguments[0].Value)?.ConstantValue is { HasValue: true, Value: { } constant })
            {
                long value = System.Convert.ToInt64(constant, System.Globalization.CultureInfo.InvariantCulture);
                return (ScopeFlags)(value & (long)ScopeFlags.All);
            }

            return ScopeFlags.None;
        }

        private static IOperation? Unwrap(IOperation? operation) => operation?.WithoutConversions();
    }
}
