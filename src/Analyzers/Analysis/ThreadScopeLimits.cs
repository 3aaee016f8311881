using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Scopes end where the function may change threads or hand control away. A <c>MemallocContext.Save</c>
    /// (or a thread scope) in an async method or iterator covers code only up to the first
    /// <c>await</c>/<c>yield return</c>/<c>await using</c> in its region: the code after it may run on a
    /// thread that never set the flags. Async scopes (<c>AsyncNoFsScope</c> …) follow the flow across
    /// <c>await</c>, but not across <c>yield return</c>: each <c>MoveNextAsync</c> runs on the consumer's
    /// execution context, so the flags are gone after it (and in a sync iterator they leak into the
    /// consumer between the items). Every scope therefore ends at the first <c>yield return</c>.
    /// </summary>
    internal static class ThreadScopeLimits
    {
        /// <summary><paramref name="starts"/> of the list <paramref name="statements"/>, each closed at the first suspension in its region that ends it.</summary>
        internal static ImmutableArray<ScopeStart> Clip(ImmutableArray<IOperation> statements, ImmutableArray<ScopeStart> starts)
        {
            if (starts.IsEmpty)
            {
                return starts;
            }

            ImmutableArray<ScopeStart>.Builder clipped = ImmutableArray.CreateBuilder<ScopeStart>(starts.Length);
            foreach (ScopeStart start in starts)
            {
                int opener = IndexOfOpener(statements, start);
                if (opener >= 0 &&
                    Suspensions.First(statements, opener + 1, yieldsOnly: OpensFlowScope(statements[opener])) is { } suspension &&
                    suspension.ResumesFrom < start.ClosesAt)
                {
                    clipped.Add(start.ClosedAt(suspension.ResumesFrom));
                }
                else
                {
                    clipped.Add(start);
                }
            }

            return clipped.MoveToImmutable();
        }

        /// <summary>
        /// Whether the body of <c>using (…Enter())</c> is still under its scope at <paramref name="position"/>:
        /// up to the first suspension in it for a thread scope, up to the first <c>yield return</c> for an async one.
        /// </summary>
        internal static bool BodyCovers(IUsingOperation @using, int position) =>
            position < Suspensions.FirstResumeIn(@using.Body, yieldsOnly: CreatesFlowScope(@using.Resources));

        private static bool CreatesFlowScope(IOperation? resources)
        {
            if (resources is not IVariableDeclarationGroupOperation group)
            {
                return ScopeRecognition.IsFlowScopeCreation(resources);
            }

            foreach (IVariableDeclarationOperation declaration in group.Declarations)
            {
                foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
                {
                    if (ScopeRecognition.IsFlowScopeCreation(declarator.GetVariableInitializer()?.Value))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The statement whose end opens <paramref name="start"/>.</summary>
        internal static int IndexOfOpener(ImmutableArray<IOperation> statements, ScopeStart start)
        {
            for (int i = 0; i < statements.Length; i++)
            {
                if (statements[i].Syntax.Span.End == start.OpensAt)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Whether the statement declares an async scope. A declaration holds one type, so a
        /// statement that declares one declares nothing else that opens a region.
        /// </summary>
        internal static bool OpensFlowScope(IOperation statement)
        {
            IVariableDeclarationGroupOperation? group = statement switch
            {
                IUsingDeclarationOperation usingDeclaration => usingDeclaration.DeclarationGroup,
                IVariableDeclarationGroupOperation declarations => declarations,
                _ => null,
            };
            if (group is null)
            {
                return false;
            }

            foreach (IVariableDeclarationOperation declaration in group.Declarations)
            {
                foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
                {
                    if (ScopeRecognition.IsFlowScopeCreation(declarator.GetVariableInitializer()?.Value))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
