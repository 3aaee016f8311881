using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using NoFsScope.Analyzers.Descriptors;
using NoFsScope.CodeFixes.Shared;

namespace NoFsScope.CodeFixes
{
    /// <summary>NOFS003: add <c>[MayReclaim]</c> to the method, so callers in other assemblies see that it may reclaim.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NOFS003AddMayReclaimCodeFix))]
    [Shared]
    public sealed class NOFS003AddMayReclaimCodeFix : CodeFixProvider
    {
        internal const string Key = "NOFS003.AddMayReclaim";
        private const string AttributeMetadataName = "Memalloc.MayReclaimAttribute";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnmarkedPublicReclaim);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);

            // Offered only when the runtime's attribute is referenced; an engine with its own copy adds it by hand.
            if (model?.Compilation.GetTypeByMetadataName(AttributeMetadataName) is null || root is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                SyntaxNode? declaration = root.FindNode(diagnostic.Location.SourceSpan)
                    .AncestorsAndSelf()
                    .FirstOrDefault(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax);
                if (declaration is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax && !HasMayReclaim(declaration) && !SyntaxErrors.Around(declaration))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Add [MayReclaim]", ct => AddAttributeAsync(context.Document, declaration, ct), Key),
                        diagnostic);
                }
            }
        }

        /// <summary>Already written (the analyzer may not have bound it, e.g. on a declaration cut off while typing).</summary>
        private static bool HasMayReclaim(SyntaxNode declaration)
        {
            SyntaxList<AttributeListSyntax> lists = declaration switch
            {
                BaseMethodDeclarationSyntax method => method.AttributeLists,
                AccessorDeclarationSyntax accessor => accessor.AttributeLists,
                _ => default,
            };
            return lists.SelectMany(list => list.Attributes).Any(attribute =>
                attribute.Name.ToString() is "MayReclaim" or "MayReclaimAttribute" or "Memalloc.MayReclaim" or "Memalloc.MayReclaimAttribute");
        }

        private static async Task<Document> AddAttributeAsync(Document document, SyntaxNode declaration, CancellationToken cancellationToken)
        {
            DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            SyntaxGenerator generator = editor.Generator;
            SyntaxNode name = generator.QualifiedName(generator.IdentifierName("Memalloc"), generator.IdentifierName("MayReclaim"))
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            editor.AddAttribute(declaration, generator.Attribute(name));
            return await ImportAdder.AddImportsAsync(editor.GetChangedDocument(), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
