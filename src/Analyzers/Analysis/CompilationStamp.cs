using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using NoFsScope.Analyzers.Configuration;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// What the facts of a method depend on besides its own body, as one number: the declarations of
    /// every tree (<see cref="TreeDeclarations.Hash"/>), the references (by identity: an editor makes a new
    /// reference object when a referenced project or assembly changes), the compilation's name,
    /// the options that can change what a call binds to, and the NoFsScope.txt entries. Two compilations with the same stamp bind an unchanged tree the same way.
    /// </summary>
    internal static class CompilationStamp
    {
        internal static ulong Of(Compilation compilation, NoFsScopeConfig config, System.Func<SyntaxTree, TreeDeclarations> declarations, CancellationToken cancellationToken)
        {
            ulong stamp = Fnv.Mix(Fnv.Offset, compilation.AssemblyName ?? string.Empty);

            // Options by value, field by field: CompilationOptions.GetHashCode throws in the command-line compiler
            // (its reference resolver does not implement it). Only those that can change what a call binds to.
            stamp = Fnv.Mix(stamp, (ulong)compilation.Options.OutputKind);
            stamp = Fnv.Mix(stamp, (ulong)compilation.Options.NullableContextOptions);
            stamp = Fnv.Mix(stamp, compilation.Options is Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions { AllowUnsafe: true } ? 1UL : 0UL);
            foreach (MetadataReference reference in compilation.References)
            {
                stamp = Fnv.Mix(stamp, (ulong)(uint)RuntimeHelpers.GetHashCode(reference));
            }

            foreach (ConfigEntry entry in config.Entries)
            {
                stamp = Fnv.Mix(stamp, (ulong)entry.Kind);
                stamp = Fnv.Mix(stamp, entry.DocumentationId);
            }

            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stamp = Fnv.Mix(stamp, declarations(tree).Hash);
            }

            return stamp;
        }
    }
}
