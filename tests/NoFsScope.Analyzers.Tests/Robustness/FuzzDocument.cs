using System;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>A source file of a <see cref="FuzzProject"/>: its path, text and intact syntax tree.</summary>
internal sealed class FuzzDocument
{
    private readonly Lazy<SourceMutator> _mutator;

    public FuzzDocument(string path, string text, SyntaxTree tree, bool fuzzed)
    {
        Path = path;
        Text = text;
        Tree = tree;
        Fuzzed = fuzzed;
        _mutator = new Lazy<SourceMutator>(() => new SourceMutator(text));
    }

    /// <summary>Repository-relative, with forward slashes.</summary>
    public string Path { get; }

    public string Text { get; }

    public SyntaxTree Tree { get; }

    /// <summary>False for a file that is only context here (it is fuzzed in another project).</summary>
    public bool Fuzzed { get; }

    public SourceMutator Mutator => _mutator.Value;
}
