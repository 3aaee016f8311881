using System.Threading;
using Microsoft.CodeAnalysis;
using NoFsScope.Analyzers.Configuration;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// What the facts of a method depend on besides its own body, as one number: the declarations of
    /// every tree (<see cref="TreeDeclarations.Hash"/>), the compilation and parse options and the references
    /// (by identity: an editor makes new objects when a referenced project or assembly or an option changes),
    /// the compilation's name, and the NoFsScope.txt entries. Two compilations with the same stamp bind an unchanged tree the same way.
    /// </summary>
    internal static class CompilationStamp
    {
        internal static ulong Of(Compilation compilation, NoFsScopeConfig config, KeptAnalysis kept, CancellationToken cancellationToken)
        {
            ulong stamp = Fnv.Mix(Fnv.Offset, compilation.AssemblyName ?? string.Empty);

            // The options and references by identity (every option can change binding somewhere: checked
            // operators, InternalsVisibleTo and the signing key, metadata import); an editor makes new objects
            // only when they change. (CompilationOptions.GetHashCode would throw in the command-line compiler.)
            stamp = Fnv.Mix(stamp, (ulong)kept.IdentityOf(compilation.Options));
            foreach (MetadataReference reference in compilation.References)
            {
                stamp = Fnv.Mix(stamp, (ulong)kept.IdentityOf(reference));
            }

            foreach (ConfigEntry entry in config.Entries)
            {
                stamp = Fnv.Mix(stamp, (ulong)entry.Kind);
                stamp = Fnv.Mix(stamp, entry.DocumentationId);
            }

            // Each tree's parse options too, by identity (trees of a project share one object): the same text
            // declares other things under other preprocessor symbols ('class RealStore #if FEATURE : IStore #endif').
            ParseOptions? lastOptions = null;
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!ReferenceEquals(tree.Options, lastOptions))
                {
                    lastOptions = tree.Options;
                    stamp = Fnv.Mix(stamp, (ulong)kept.IdentityOf(lastOptions));
                }

                stamp = Fnv.Mix(stamp, kept.Declarations(tree).Hash);
            }

            return stamp;
        }
    }
}
