using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// Breaks one source file the way an editor buffer is broken while the user types: cut off, tokens
/// deleted, duplicated or inserted, characters removed mid-token. Token positions come from the
/// intact file's syntax tree, so token edits remove or repeat whole tokens. Deterministic: the same
/// <see cref="Random"/> state gives the same variant.
/// </summary>
public sealed class SourceMutator
{
    public static readonly int KindCount = Enum.GetValues<MutationKind>().Length;

    private readonly string _text;
    private readonly ImmutableArray<TextSpan> _tokens;

    public SourceMutator(string text)
    {
        _text = text;
        _tokens = CSharpSyntaxTree.ParseText(text).GetRoot()
            .DescendantTokens()
            .Where(t => t.Span.Length > 0)
            .Select(t => t.Span)
            .ToImmutableArray();
        if (_tokens.IsEmpty)
        {
            throw new ArgumentException("a source file with no tokens cannot be mutated", nameof(text));
        }
    }

    public int TokenCount => _tokens.Length;

    public Mutation Mutate(MutationKind kind, Random random)
    {
        switch (kind)
        {
            case MutationKind.TruncateAtCharacter:
            {
                int at = random.Next(_text.Length);
                return new Mutation(kind, _text.Substring(0, at), $"cut at character {at}");
            }

            case MutationKind.TruncateAfterToken:
            {
                TextSpan token = RandomToken(random, out int index);
                return new Mutation(kind, _text.Substring(0, token.End), $"cut after token {index} '{_text.Substring(token.Start, token.Length)}'");
            }

            case MutationKind.DeleteTokens:
            {
                TextSpan run = RandomTokenRun(random, 3, out string what);
                return new Mutation(kind, _text.Remove(run.Start, run.Length), $"deleted {what}");
            }

            case MutationKind.DuplicateTokens:
            {
                TextSpan run = RandomTokenRun(random, 4, out string what);
                return new Mutation(kind, _text.Insert(run.End, " " + _text.Substring(run.Start, run.Length)), $"duplicated {what}");
            }

            case MutationKind.InsertForeignToken:
            {
                TextSpan foreign = RandomToken(random, out int from);
                TextSpan before = RandomToken(random, out int to);
                string inserted = _text.Substring(foreign.Start, foreign.Length);
                return new Mutation(kind, _text.Insert(before.Start, inserted + " "), $"inserted token {from} '{inserted}' before token {to}");
            }

            case MutationKind.DeleteCharacters:
            {
                int at = random.Next(_text.Length);
                int length = Math.Min(random.Next(1, 41), _text.Length - at);
                return new Mutation(kind, _text.Remove(at, length), $"deleted characters {at}..{at + length}");
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private TextSpan RandomToken(Random random, out int index)
    {
        index = random.Next(_tokens.Length);
        return _tokens[index];
    }

    private TextSpan RandomTokenRun(Random random, int maxTokens, out string what)
    {
        int first = random.Next(_tokens.Length);
        int last = Math.Min(_tokens.Length - 1, first + random.Next(maxTokens));
        TextSpan run = TextSpan.FromBounds(_tokens[first].Start, _tokens[last].End);
        what = $"tokens {first}..{last} '{_text.Substring(run.Start, run.Length)}'";
        return run;
    }
}
