using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Recognises the operations that open and close a scope: <c>NoFsScope.Enter()</c>,
    /// <c>NoIoScope.Enter()</c>, <c>NoReclaimScope.Enter()</c>, <c>MemallocScope.Enter(c)</c>,
    /// <c>MemallocContext.Save(c)</c> and <c>MemallocContext.Restore(saved)</c>. A flags argument
    /// counts only when it is a constant. <c>Acquire()</c> on a reclaim-unsafe
    /// <c>ReclaimAwareLock</c> opens a NoFs scope too (see <see cref="ReclaimUnsafeLocks"/>).
    /// </summary>
    internal static class ScopeRecognition
    {
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
            if (MemallocNames.IsMemallocType(type, MemallocNames.NoFsScope))
            {
                return ScopeFlags.NoFs;
            }

            if (MemallocNames.IsMemallocType(type, MemallocNames.NoIoScope))
            {
                return ScopeFlags.NoIo;
            }

            if (MemallocNames.IsMemallocType(type, MemallocNames.NoReclaimScope))
            {
                return ScopeFlags.NoReclaim;
            }

            return MemallocNames.IsMemallocType(type, MemallocNames.MemallocScope) ? ConstantFlags(invocation) : ScopeFlags.None;
        }

        /// <summary>The scope type an expression creates (<c>NoFsScope</c>, <c>NoIoScope</c>, <c>NoReclaimScope</c>, <c>MemallocScope</c>), whatever its flags; null when it is not one.</summary>
        internal static string? ScopeTypeCreated(IOperation? value)
        {
            if (Unwrap(value) is not IInvocationOperation { TargetMethod.ReturnType: { } type })
            {
                return null;
            }

            foreach (string name in new[] { MemallocNames.NoFsScope, MemallocNames.NoIoScope, MemallocNames.NoReclaimScope, MemallocNames.MemallocScope })
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
            if (MemallocNames.IsMemallocType(type, MemallocNames.NoFsScope))
            {
                return ScopeFlags.NoFs;
            }

            if (MemallocNames.IsMemallocType(type, MemallocNames.NoIoScope))
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
