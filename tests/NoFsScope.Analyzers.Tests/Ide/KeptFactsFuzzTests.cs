using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Rules.Interprocedural;
using NoFsScope.Analyzers.Tests.Robustness;
using Xunit;
using Xunit.Abstractions;

namespace NoFsScope.Analyzers.Tests.Ide;

/// <summary>
/// The seeded counterpart of <see cref="KeptFactsTests"/>: random edit sequences over the sample engine
/// (samples/SampleFs, as <see cref="SampleProjects"/> compiles it), each step editing one random file the
/// way a user does: inside a body (delete, duplicate, call another method, add or remove a NoFs scope),
/// a declaration (toggle [MayReclaim], add an overload, change a parameter type, add or remove a member),
/// or, now and then, breaking the file for one step (a token gone, braces too) and undoing it. After every
/// step one long-lived NOFS002/NOFS003 instance (which keeps facts with the trees) must report exactly what
/// a fresh instance reports, for the edited document alone and for the whole compilation. Odd sequences
/// compile the engine as a library, so NOFS003 is in play too. <c>NOFS_FUZZ_SEED=n</c> picks the seed
/// (<see cref="FuzzSettings"/>), <c>NOFS_KEPT_FUZZ_SEQUENCES=n</c> runs more sequences; a failure names the
/// seed, sequence and step and lists the edits that led there.
/// </summary>
public sealed class KeptFactsFuzzTests(ITestOutputHelper output)
{
    private const int DefaultSequences = 8;

    private const int StepsPerSequence = 12;

    private const string ProjectName = "samples/SampleFs";

    /// <summary>In this order: body edits up to <see cref="RemoveScope"/>, declaration edits up to <see cref="RemoveMember"/>, then the broken file and its undo.</summary>
    private enum EditKind
    {
        DeleteStatement,
        DuplicateStatement,
        InsertCall,
        WrapInScope,
        RemoveScope,
        ToggleMayReclaim,
        AddOverload,
        ChangeParameterType,
        AddMember,
        RemoveMember,
        Break,
        Undo,
    }

    private static int EditKinds => Enum.GetValues<EditKind>().Length;

    /// <summary>Never fewer than <see cref="DefaultSequences"/>: the variable raises the count, it cannot lower what CI runs.</summary>
    private static int Sequences =>
        int.TryParse(Environment.GetEnvironmentVariable("NOFS_KEPT_FUZZ_SEQUENCES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > DefaultSequences ? n : DefaultSequences;

    [Fact]
    public async Task A_long_lived_instance_reports_what_a_fresh_one_does_over_seeded_edit_sequences_of_the_sample_engine()
    {
        FuzzProject project = (await SampleProjects.AllAsync()).Single(p => p.Name == ProjectName);
        int seed = FuzzSettings.Seed;
        int sequences = Sequences;
        var tally = new Tally();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(
            Enumerable.Range(0, sequences),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (sequence, _) =>
            {
                if (await RunSequenceAsync(project, seed, sequence, tally) is { } failure)
                {
                    failures.Enqueue(failure);
                }
            });

        output.WriteLine(
            $"seed {seed}: {sequences} sequences x {StepsPerSequence} steps in {clock.Elapsed.TotalSeconds:F1} s; edits " +
            string.Join(", ", Enum.GetValues<EditKind>().Select(k => $"{k} {tally.Kinds[(int)k]}")) +
            $"; body edits with unchanged declarations (kept facts reusable) {tally.BodyEditsKeepingDeclarations}; findings changed {tally.FindingsChanged} times " +
            $"(NOFS002 {tally.Nofs002Changed}, NOFS003 {tally.Nofs003Changed}); {tally.Diagnostics} diagnostics compared; {failures.Count} failures");
        Assert.True(failures.IsEmpty, $"{failures.Count} failing sequences; the first ones:\n" + string.Join("\n\n", failures.Take(3)));

        // Not vacuous: every kind of edit ran, body edits left the declarations alone (so kept facts were reused), and findings moved.
        Assert.All(tally.Kinds, count => Assert.True(count > 0, $"an edit kind never ran: {string.Join("/", tally.Kinds)}"));
        Assert.True(tally.BodyEditsKeepingDeclarations >= sequences * 2, $"only {tally.BodyEditsKeepingDeclarations} body edits kept the declarations");
        Assert.True(tally.Nofs002Changed >= 3, $"NOFS002 findings changed only {tally.Nofs002Changed} times");
        Assert.True(tally.Nofs003Changed >= 3, $"NOFS003 findings changed only {tally.Nofs003Changed} times");
    }

    /// <summary>One sequence; null when the instances agreed after every step, else what to replay.</summary>
    private static async Task<string?> RunSequenceAsync(FuzzProject project, int seed, int sequence, Tally tally)
    {
        var random = new Random(unchecked((seed * 397) ^ (sequence * 7919)));
        bool library = sequence % 2 == 1;
        CSharpCompilation compilation = library
            ? project.Compilation.WithOptions(project.CompilationOptions.WithOutputKind(OutputKind.DynamicallyLinkedLibrary))
            : project.Compilation;
        AnalyzerOptions options = project.AnalyzerOptions;
        var kept = new NOFS002NOFS003ReclaimThroughCallsAnalyzer();
        var history = new List<string>();
        string Replay(int step, string what) =>
            $"NOFS_FUZZ_SEED={seed} sequence {sequence} ({(library ? "library" : "exe")}) step {step}: {what}\n  edits: " +
            (history.Count == 0 ? "none" : string.Join("\n         ", history.Select((h, i) => $"{i + 1}. {h}")));

        ImmutableArray<Diagnostic> previous = await AnalyzeAsync(kept, compilation, options, null);
        if ((Failure(previous) ?? Mismatch(previous, await AnalyzeAsync(new NOFS002NOFS003ReclaimThroughCallsAnalyzer(), compilation, options, null))) is { } initial)
        {
            return Replay(0, "intact project, whole compilation: " + initial);
        }

        (SyntaxTree Broken, SyntaxTree Before)? undo = null;
        for (int step = 1; step <= StepsPerSequence; step++)
        {
            (EditKind kind, SyntaxTree old, string text, string description) = undo is { } pending
                ? (EditKind.Undo, pending.Broken, pending.Before.GetText().ToString(), "undo the broken edit")
                : NextEdit(compilation, random, step);
            undo = null;
            SyntaxTree edited = WithText(old, text);
            compilation = compilation.ReplaceSyntaxTree(old, edited);
            history.Add($"{kind} in {System.IO.Path.GetFileName(old.FilePath)}: {description}");
            Interlocked.Increment(ref tally.Kinds[(int)kind]);
            if (kind == EditKind.Break)
            {
                undo = (edited, old);
            }

            // Body edits must leave the tree's declarations as they were (that is when kept facts are reused); the others must not.
            bool sameDeclarations = TreeDeclarations.Of(old, CancellationToken.None).Hash == TreeDeclarations.Of(edited, CancellationToken.None).Hash;
            if (kind <= EditKind.RemoveScope)
            {
                if (!sameDeclarations)
                {
                    return Replay(step, "a body edit changed the declaration hash of the edited tree");
                }

                Interlocked.Increment(ref tally.BodyEditsKeepingDeclarations);
            }
            else if (kind <= EditKind.RemoveMember && sameDeclarations)
            {
                return Replay(step, "a declaration edit left the declaration hash of the edited tree unchanged");
            }

            // The editor asks for the edited document first (the other trees are reused), then the build asks for everything.
            ImmutableArray<Diagnostic> keptDocument = await AnalyzeAsync(kept, compilation, options, edited);
            ImmutableArray<Diagnostic> keptAll = await AnalyzeAsync(kept, compilation, options, null);
            ImmutableArray<Diagnostic> freshDocument = await AnalyzeAsync(new NOFS002NOFS003ReclaimThroughCallsAnalyzer(), compilation, options, edited);
            ImmutableArray<Diagnostic> fresh = await AnalyzeAsync(new NOFS002NOFS003ReclaimThroughCallsAnalyzer(), compilation, options, null);
            if (Failure(keptDocument.Concat(keptAll).Concat(freshDocument).Concat(fresh)) is { } failure)
            {
                return Replay(step, failure);
            }

            if (Mismatch(keptDocument, freshDocument) is { } inDocument)
            {
                return Replay(step, "edited document: " + inDocument);
            }

            if (Mismatch(keptAll, fresh) is { } inCompilation)
            {
                return Replay(step, "whole compilation: " + inCompilation);
            }

            Interlocked.Add(ref tally.Diagnostics, fresh.Length + keptDocument.Length);
            if (kind is not (EditKind.Break or EditKind.Undo))
            {
                bool nofs002 = !Findings(previous, "NOFS002").SequenceEqual(Findings(fresh, "NOFS002"));
                bool nofs003 = !Findings(previous, "NOFS003").SequenceEqual(Findings(fresh, "NOFS003"));
                Interlocked.Add(ref tally.Nofs002Changed, nofs002 ? 1 : 0);
                Interlocked.Add(ref tally.Nofs003Changed, nofs003 ? 1 : 0);
                Interlocked.Add(ref tally.FindingsChanged, nofs002 || nofs003 ? 1 : 0);
            }

            previous = fresh;
        }

        return null;
    }

    /// <summary>A random applicable edit of a random file: half in bodies (calls inserted most), a third of declarations, the rest broken.</summary>
    private static (EditKind Kind, SyntaxTree Tree, string Text, string Description) NextEdit(Compilation compilation, Random random, int step)
    {
        // Half the edits are in a file that declares callbacks, where NOFS002 findings arise, so the findings move often enough.
        SyntaxTree[] trees = compilation.SyntaxTrees.ToArray();
        SyntaxTree[] withCallbacks = trees.Where(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Any(IsCallback)).ToArray();
        while (true)
        {
            SyntaxTree tree = withCallbacks.Length > 0 && random.Next(2) == 0 ? Pick(withCallbacks, random) : Pick(trees, random);
            int roll = random.Next(100);
            EditKind kind = roll < 20 ? EditKind.InsertCall
                : roll < 50 ? (EditKind)random.Next((int)EditKind.RemoveScope + 1)
                : roll < 88 ? (EditKind)((int)EditKind.ToggleMayReclaim + random.Next((int)EditKind.RemoveMember - (int)EditKind.ToggleMayReclaim + 1))
                : EditKind.Break;
            if (Apply(kind, tree, compilation, random, step) is { } edit)
            {
                return (kind, tree, edit.Text, edit.Description);
            }
        }
    }

    /// <summary>The text of <paramref name="tree"/> after an edit of <paramref name="kind"/>, or null when the file offers no place for it.</summary>
    private static (string Text, string Description)? Apply(EditKind kind, SyntaxTree tree, Compilation compilation, Random random, int step)
    {
        SyntaxNode root = tree.GetRoot();
        string text = tree.GetText().ToString();
        BlockSyntax[] bodies = root.DescendantNodes()
            .Select(n => n switch
            {
                BaseMethodDeclarationSyntax m => m.Body,
                AccessorDeclarationSyntax a => a.Body,
                _ => null,
            })
            .OfType<BlockSyntax>()
            .ToArray();
        BlockSyntax[] callbackBodies = bodies.Where(b => b.Parent is MethodDeclarationSyntax m && IsCallback(m)).ToArray();
        BlockSyntax? body = callbackBodies.Length > 0 && random.Next(4) != 0 ? Pick(callbackBodies, random)
            : bodies.Length > 0 ? Pick(bodies, random)
            : null;
        StatementSyntax[] statements = body is null ? [] : body.DescendantNodes().OfType<StatementSyntax>().Where(s => s.Parent is BlockSyntax).ToArray();
        MethodDeclarationSyntax[] methods = root.DescendantNodes().OfType<MethodDeclarationSyntax>().ToArray();
        static string At(SyntaxNode node) => $"line {node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}";

        switch (kind)
        {
            case EditKind.DeleteStatement when statements.Length > 0:
            {
                StatementSyntax statement = Pick(statements, random);
                return (Replace(text, statement.Span, string.Empty), $"deleted '{Short(statement)}' at {At(statement)}");
            }

            case EditKind.DuplicateStatement when statements.Length > 0:
            {
                StatementSyntax statement = Pick(statements, random);
                return (text.Insert(statement.Span.End, " " + statement), $"duplicated '{Short(statement)}' at {At(statement)}");
            }

            case EditKind.InsertCall when body is not null:
            {
                // In a callback, half the calls go first in the body, before any scope it enters.
                bool inCallback = callbackBodies.Contains(body);
                string? call = CallToAnotherMethod(compilation, body, inCallback, random);
                if (call is null)
                {
                    return null;
                }

                int position = statements.Length == 0 || (inCallback && random.Next(2) == 0) ? body.OpenBraceToken.Span.End : Pick(statements, random).SpanStart;
                return (text.Insert(position, call + " "), $"inserted '{call}' at {At(body)}+");
            }

            case EditKind.WrapInScope:
            {
                StatementSyntax[] wrappable = statements.Where(s => s is not (LocalDeclarationStatementSyntax or LocalFunctionStatementSyntax or LabeledStatementSyntax)).ToArray();
                if (wrappable.Length == 0)
                {
                    return null;
                }

                StatementSyntax statement = Pick(wrappable, random);
                return (Replace(text, statement.Span, $"using (Memalloc.NoFsScope.Enter()) {{ {statement} }}"), $"scoped '{Short(statement)}' at {At(statement)}");
            }

            case EditKind.RemoveScope:
            {
                StatementSyntax[] scopes = bodies
                    .SelectMany(b => b.DescendantNodes().OfType<StatementSyntax>())
                    .Where(s => s is UsingStatementSyntax { Expression: { } e } && e.ToString().Contains("NoFsScope.Enter", StringComparison.Ordinal) ||
                                s is LocalDeclarationStatementSyntax d && d.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) && d.Declaration.ToString().Contains("NoFsScope.Enter", StringComparison.Ordinal))
                    .ToArray();
                if (scopes.Length == 0)
                {
                    return null;
                }

                StatementSyntax scope = Pick(scopes, random);
                string inside = scope is UsingStatementSyntax { Statement: var inner }
                    ? inner is BlockSyntax block ? text[block.OpenBraceToken.Span.End..block.CloseBraceToken.SpanStart] : inner.ToString()
                    : string.Empty;
                return (Replace(text, scope.Span, inside), $"removed the scope '{Short(scope)}' at {At(scope)}");
            }

            case EditKind.ToggleMayReclaim when methods.Length > 0:
            {
                // Half the time a marked method, if any, loses its mark (NOFS003 then applies to it, or to its public callers).
                MethodDeclarationSyntax[] marked = methods.Where(m => MayReclaimOf(m) is not null).ToArray();
                MethodDeclarationSyntax method = marked.Length > 0 && random.Next(2) == 0 ? Pick(marked, random) : Pick(methods, random);
                AttributeSyntax? attribute = MayReclaimOf(method);
                if (attribute is null)
                {
                    return (text.Insert(method.SpanStart, "[Memalloc.MayReclaim] "), $"marked {method.Identifier} [MayReclaim] at {At(method)}");
                }

                var list = (AttributeListSyntax)attribute.Parent!;
                string rest = string.Join(", ", list.Attributes.Where(a => a != attribute));
                return (Replace(text, list.Span, rest.Length == 0 ? string.Empty : $"[{rest}]"), $"unmarked {method.Identifier} [MayReclaim] at {At(method)}");
            }

            case EditKind.AddOverload:
            {
                MethodDeclarationSyntax[] overloadable = methods.Where(m => (m.Body ?? (SyntaxNode?)m.ExpressionBody) is not null && m.ExplicitInterfaceSpecifier is null).ToArray();
                if (overloadable.Length == 0)
                {
                    return null;
                }

                // A long parameter becomes int (calls with int arguments bind to the overload now); else an optional parameter is added.
                MethodDeclarationSyntax method = Pick(overloadable, random);
                ParameterSyntax? narrowed = method.ParameterList.Parameters.FirstOrDefault(p => p.Type?.ToString() == "long");
                ParameterListSyntax parameters = narrowed is not null
                    ? method.ParameterList.ReplaceNode(narrowed.Type!, SyntaxFactory.ParseTypeName("int").WithTriviaFrom(narrowed.Type!))
                    : method.ParameterList.AddParameters(SyntaxFactory.Parameter(SyntaxFactory.Identifier($"fuzz{step}")).WithType(SyntaxFactory.ParseTypeName("int ")).WithDefault(SyntaxFactory.EqualsValueClause(SyntaxFactory.ParseExpression(" 0"))));
                MethodDeclarationSyntax overload = method.WithParameterList(parameters).WithModifiers(SyntaxFactory.TokenList(method.Modifiers.Where(m => !m.IsKind(SyntaxKind.OverrideKeyword))));
                bool throwing = random.Next(2) == 0;
                if (throwing)
                {
                    overload = overload.Body is not null
                        ? overload.WithBody(SyntaxFactory.ParseStatement("{ throw new System.NotSupportedException(); }") as BlockSyntax)
                        : overload.WithExpressionBody(SyntaxFactory.ArrowExpressionClause(SyntaxFactory.ParseExpression(" throw new System.NotSupportedException()")));
                    overload = overload.WithModifiers(SyntaxFactory.TokenList(overload.Modifiers.Where(m => !m.IsKind(SyntaxKind.AsyncKeyword))));
                }

                return (text.Insert(method.Span.End, "\n" + overload.WithoutLeadingTrivia().ToFullString()), $"overloaded {method.Identifier}{parameters}{(throwing ? " (throwing)" : string.Empty)} at {At(method)}");
            }

            case EditKind.ChangeParameterType:
            {
                ParameterSyntax[] typed = root.DescendantNodes().OfType<BaseMethodDeclarationSyntax>()
                    .SelectMany(m => m.ParameterList.Parameters)
                    .Where(p => p.Type is not null)
                    .ToArray();
                if (typed.Length == 0)
                {
                    return null;
                }

                ParameterSyntax parameter = Pick(typed, random);
                string type = parameter.Type!.ToString();
                string changed = type switch
                {
                    "long" => "int",
                    "int" => "long",
                    not "object" when random.Next(2) == 0 => "object",
                    _ => type.EndsWith('?') ? type[..^1] : type + "?",
                };
                return (Replace(text, parameter.Type.Span, changed), $"parameter {parameter.Identifier} {type} -> {changed} at {At(parameter)}");
            }

            case EditKind.AddMember:
            {
                TypeDeclarationSyntax[] types = root.DescendantNodes().OfType<TypeDeclarationSyntax>().Where(t => t is not InterfaceDeclarationSyntax).ToArray();
                if (types.Length == 0)
                {
                    return null;
                }

                TypeDeclarationSyntax type = Pick(types, random);
                string member = random.Next(4) switch
                {
                    0 => $"internal void Fuzz{step}() {{ }}",
                    1 => $"[Memalloc.MayReclaim] public void Fuzz{step}() {{ }}",
                    2 => $"internal int Fuzz{step} => 0;",
                    _ => $"private int _fuzz{step};",
                };
                int position = type.Members.Count == 0 || random.Next(type.Members.Count + 1) == type.Members.Count
                    ? type.CloseBraceToken.SpanStart
                    : Pick(type.Members.ToArray(), random).SpanStart;
                return (text.Insert(position, member + "\n"), $"added '{member}' to {type.Identifier}");
            }

            case EditKind.RemoveMember:
            {
                MemberDeclarationSyntax[] members = root.DescendantNodes().OfType<TypeDeclarationSyntax>()
                    .SelectMany(t => t.Members)
                    .Where(m => m is not BaseTypeDeclarationSyntax)
                    .ToArray();
                if (members.Length == 0)
                {
                    return null;
                }

                MemberDeclarationSyntax member = Pick(members, random);
                return (Replace(text, member.Span, string.Empty), $"removed '{Short(member)}' at {At(member)}");
            }

            case EditKind.Break:
            {
                // Half the time a brace goes (the rest of the file is parsed anew), else a token edit of the robustness fuzz.
                SyntaxToken[] braces = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.OpenBraceToken) || t.IsKind(SyntaxKind.CloseBraceToken)).ToArray();
                if (braces.Length > 0 && random.Next(2) == 0)
                {
                    SyntaxToken brace = braces[random.Next(braces.Length)];
                    return (Replace(text, brace.Span, string.Empty), $"deleted '{brace}' at line {brace.GetLocation().GetLineSpan().StartLinePosition.Line + 1}");
                }

                var mutationKind = (MutationKind)((int)MutationKind.DeleteTokens + random.Next(SourceMutator.KindCount - (int)MutationKind.DeleteTokens));
                Mutation mutation = new SourceMutator(text).Mutate(mutationKind, random);
                return (mutation.Text, mutation.Description);
            }

            default:
                return null;
        }
    }

    /// <summary>A call statement to a random method of the project that <paramref name="from"/> may call, with default arguments; null when there is none.</summary>
    private static string? CallToAnotherMethod(Compilation compilation, BlockSyntax from, bool inCallback, Random random)
    {
        string? caller = QualifiedName(from.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault());
        MethodDeclarationSyntax[] callable = compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            .Where(m => m.Parent is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax &&
                        m.TypeParameterList is null &&
                        m.ExplicitInterfaceSpecifier is null &&
                        m.ParameterList.Parameters.All(p => p.Modifiers.All(k => k.IsKind(SyntaxKind.OutKeyword) || k.IsKind(SyntaxKind.ParamsKeyword) || k.IsKind(SyntaxKind.ThisKeyword))) &&
                        (m.Modifiers.Any(k => k.IsKind(SyntaxKind.PublicKeyword) || k.IsKind(SyntaxKind.InternalKeyword)) || QualifiedName((TypeDeclarationSyntax)m.Parent) == caller))
            .ToArray();
        if (callable.Length == 0)
        {
            return null;
        }

        // Half the calls (three in four from a callback) go to an unmarked method that calls a [MayReclaim] one (NOFS002 from a
        // callback), a quarter to a method marked [MayReclaim] (NOFS003 for a public caller in a library), the rest to any method.
        MethodDeclarationSyntax[] marked = callable.Where(m => MayReclaimOf(m) is not null).ToArray();
        MethodDeclarationSyntax[] reaching = callable
            .Where(m => MayReclaimOf(m) is null && m.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i =>
                compilation.GetSemanticModel(m.SyntaxTree).GetSymbolInfo(i).Symbol is IMethodSymbol target &&
                target.GetAttributes().Any(a => a.AttributeClass?.Name == "MayReclaimAttribute")))
            .ToArray();
        int roll = random.Next(8);
        MethodDeclarationSyntax[] pool = reaching.Length > 0 && roll < (inCallback ? 6 : 4) ? reaching
            : marked.Length > 0 && roll % 2 == 0 ? marked
            : callable;
        MethodDeclarationSyntax method = Pick(pool, random);
        string type = QualifiedName((TypeDeclarationSyntax)method.Parent!)!;
        string receiver = method.Modifiers.Any(k => k.IsKind(SyntaxKind.StaticKeyword)) ? type : $"(({type})null!)";
        string arguments = string.Join(", ", method.ParameterList.Parameters.Select(p => p.Modifiers.Any(k => k.IsKind(SyntaxKind.OutKeyword)) ? "out _" : "default"));
        return $"{receiver}.{method.Identifier}({arguments});";
    }

    /// <summary>Carries [WritebackCallback], [IoCallback] or the like, by name.</summary>
    private static bool IsCallback(MethodDeclarationSyntax method) =>
        method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("Callback", StringComparison.Ordinal));

    private static AttributeSyntax? MayReclaimOf(MethodDeclarationSyntax method) =>
        method.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => a.Name.ToString().EndsWith("MayReclaim", StringComparison.Ordinal));

    private static string? QualifiedName(TypeDeclarationSyntax? type) =>
        type is null
            ? null
            : string.Join(".", type.AncestorsAndSelf().Reverse().Select(n => n switch
            {
                BaseNamespaceDeclarationSyntax ns => ns.Name.ToString(),
                TypeDeclarationSyntax t => t.Identifier.Text,
                _ => null,
            }).OfType<string>());

    private static T Pick<T>(T[] items, Random random) => items[random.Next(items.Length)];

    private static string Replace(string text, TextSpan span, string replacement) => string.Concat(text.AsSpan(0, span.Start), replacement, text.AsSpan(span.End));

    private static string Short(SyntaxNode node)
    {
        string flat = string.Join(" ", node.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 60 ? flat : flat[..57] + "...";
    }

    /// <summary>The tree an editor gets: the old one incrementally reparsed with the one changed span (common prefix and suffix kept).</summary>
    private static SyntaxTree WithText(SyntaxTree old, string text)
    {
        SourceText before = old.GetText();
        string was = before.ToString();
        int prefix = 0;
        while (prefix < was.Length && prefix < text.Length && was[prefix] == text[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < was.Length - prefix && suffix < text.Length - prefix && was[was.Length - 1 - suffix] == text[text.Length - 1 - suffix])
        {
            suffix++;
        }

        var change = new TextChange(TextSpan.FromBounds(prefix, was.Length - suffix), text.Substring(prefix, text.Length - suffix - prefix));
        return old.WithChangedText(before.WithChanges(change));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(DiagnosticAnalyzer analyzer, Compilation compilation, AnalyzerOptions options, SyntaxTree? document)
    {
        var withAnalyzers = new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        CompilationWithAnalyzers analyzed = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), withAnalyzers);
        return document is null
            ? await analyzed.GetAnalyzerDiagnosticsAsync()
            : await analyzed.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(document), filterSpan: null, CancellationToken.None);
    }

    private static string? Failure(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.FirstOrDefault(d => d.Id == "AD0001") is { } failure ? "AD0001 " + failure.GetMessage(CultureInfo.InvariantCulture) : null;

    private static string? Mismatch(ImmutableArray<Diagnostic> kept, ImmutableArray<Diagnostic> fresh)
    {
        string[] keptKeys = KeptFactsTests.Keys(kept);
        string[] freshKeys = KeptFactsTests.Keys(fresh);
        return keptKeys.SequenceEqual(freshKeys)
            ? null
            : $"the long-lived instance reported\n    {List(keptKeys.Except(freshKeys))}\n  and not\n    {List(freshKeys.Except(keptKeys))}";

        static string List(IEnumerable<string> keys) => keys.Any() ? string.Join("\n    ", keys) : "(nothing more)";
    }

    /// <summary>What a rule reports, ignoring where lines moved to: file and message of each finding.</summary>
    private static string[] Findings(ImmutableArray<Diagnostic> diagnostics, string id) =>
        diagnostics
            .Where(d => d.Id == id)
            .Select(d => $"{d.Location.SourceTree?.FilePath} {d.GetMessage(CultureInfo.InvariantCulture)}")
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToArray();

    /// <summary>What the sequences did, summed over all of them (updated with <see cref="Interlocked"/>).</summary>
    private sealed class Tally
    {
        public readonly int[] Kinds = new int[EditKinds];
        public int BodyEditsKeepingDeclarations;
        public int FindingsChanged;
        public int Nofs002Changed;
        public int Nofs003Changed;
        public int Diagnostics;
    }
}
