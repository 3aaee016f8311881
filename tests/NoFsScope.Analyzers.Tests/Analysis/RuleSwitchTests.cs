using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NoFsScope.Analyzers.Internals;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Analysis;

/// <summary>
/// When an analyzer may skip a rule's work: only when every explicit setting of the rule's ID says
/// none (a disabled rule's diagnostics are dropped by the driver anyway, so a wrong "on" only costs time).
/// </summary>
public sealed class RuleSwitchTests
{
    private static readonly SyntaxTree Configured = CSharpSyntaxTree.ParseText("class A { }", path: "/src/A.cs");
    private static readonly SyntaxTree Other = CSharpSyntaxTree.ParseText("class B { }", path: "/src/B.cs");

    [Fact]
    public void On_when_nothing_names_the_rule()
    {
        Assert.False(Switch(specific: null, local: null, global: null).IsOff(Configured, CancellationToken.None));
    }

    [Theory]
    [InlineData(ReportDiagnostic.Suppress, null, null)]          // /nowarn or a ruleset
    [InlineData(null, ReportDiagnostic.Suppress, null)]          // .editorconfig section
    [InlineData(null, null, ReportDiagnostic.Suppress)]          // global config
    [InlineData(ReportDiagnostic.Suppress, ReportDiagnostic.Suppress, ReportDiagnostic.Suppress)]
    [InlineData(ReportDiagnostic.Default, ReportDiagnostic.Suppress, null)] // 'default' in the options sets nothing
    public void Off_when_every_setting_says_none(ReportDiagnostic? specific, ReportDiagnostic? local, ReportDiagnostic? global)
    {
        Assert.True(Switch(specific, local, global).IsOff(Configured, CancellationToken.None));
    }

    [Theory]
    [InlineData(ReportDiagnostic.Warn, ReportDiagnostic.Suppress, null)]
    [InlineData(null, ReportDiagnostic.Error, ReportDiagnostic.Suppress)]
    [InlineData(ReportDiagnostic.Suppress, null, ReportDiagnostic.Info)]
    [InlineData(ReportDiagnostic.Default, null, null)]
    [InlineData(null, ReportDiagnostic.Default, ReportDiagnostic.Suppress)] // a file's 'default' beats a global 'none'
    public void On_when_any_setting_disagrees(ReportDiagnostic? specific, ReportDiagnostic? local, ReportDiagnostic? global)
    {
        Assert.False(Switch(specific, local, global).IsOff(Configured, CancellationToken.None));
    }

    [Fact]
    public void A_setting_for_one_file_leaves_the_others_on()
    {
        RuleSwitch rule = Switch(specific: null, local: ReportDiagnostic.Suppress, global: null);

        Assert.True(rule.IsOff(Configured, CancellationToken.None));
        Assert.False(rule.IsOff(Other, CancellationToken.None));
    }

    [Fact]
    public void Another_rule_switched_off_does_not_count()
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["NOFS002"] = ReportDiagnostic.Suppress });
        var rule = new RuleSwitch(CSharpCompilation.Create("C", new[] { Configured }, options: options), "NOFS003");

        Assert.False(rule.IsOff(Configured, CancellationToken.None));
    }

    private static RuleSwitch Switch(ReportDiagnostic? specific, ReportDiagnostic? local, ReportDiagnostic? global)
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithSyntaxTreeOptionsProvider(new Settings(local, global));
        if (specific is { } value)
        {
            options = options.WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["NOFS003"] = value });
        }

        return new RuleSwitch(CSharpCompilation.Create("C", new[] { Configured, Other }, options: options), "NOFS003");
    }

    /// <summary>NOFS003's severity in <see cref="Configured"/> (an .editorconfig section) and in a global config.</summary>
    private sealed class Settings(ReportDiagnostic? local, ReportDiagnostic? global) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = local ?? ReportDiagnostic.Default;
            return local is not null && diagnosticId == "NOFS003" && tree == Configured;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = global ?? ReportDiagnostic.Default;
            return global is not null && diagnosticId == "NOFS003";
        }
    }
}
