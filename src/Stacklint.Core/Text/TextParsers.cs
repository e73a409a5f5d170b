using System;
using System.Collections.Generic;
using System.Linq;
using Sprache;

namespace Stacklint.Text;

/// <summary>Sprache primitives over a whole text that match one character or a run of characters without
/// allocating per character (Parse.Char and Many() build a string for every failed attempt), and an input that
/// starts anywhere in the text, so that a reader can run the grammar from the position it has reached.</summary>
internal static class TextParsers
{
    /// <summary>One character that satisfies <paramref name="predicate"/>.</summary>
    public static Parser<int> One(Func<char, bool> predicate, string expected) => input =>
        !input.AtEnd && predicate(input.Current)
            ? Result.Success(1, new TextInput(input.Source, input.Position + 1))
            : Result.Failure<int>(input, expected, new[] { expected });

    /// <summary>One or more characters that satisfy <paramref name="predicate"/>; the value is how many.</summary>
    public static Parser<int> Run(Func<char, bool> predicate, string expected) => input =>
    {
        var source = input.Source;
        var end = input.Position;
        while (end < source.Length && predicate(source[end])) end++;
        return end > input.Position
            ? Result.Success(end - input.Position, new TextInput(source, end))
            : Result.Failure<int>(input, expected, new[] { expected });
    };

    /// <summary>Exactly <paramref name="word"/> (ordinal).</summary>
    public static Parser<int> Word(string word) => input =>
        input.Position + word.Length <= input.Source.Length && string.CompareOrdinal(input.Source, input.Position, word, 0, word.Length) == 0
            ? Result.Success(word.Length, new TextInput(input.Source, input.Position + word.Length))
            : Result.Failure<int>(input, word, new[] { word });
}

/// <summary>A Sprache input over a whole text, starting at any position.</summary>
internal sealed class TextInput : IInput
{
    private readonly string _source;
    private IDictionary<object, object>? _memos;

    public TextInput(string source, int position)
    {
        _source = source;
        Position = position;
    }

    public IInput Advance() =>
        AtEnd ? throw new InvalidOperationException("The end of the input was reached.") : new TextInput(_source, Position + 1);

    public string Source => _source;
    public char Current => _source[Position];
    public bool AtEnd => Position >= _source.Length;
    public int Position { get; }
    // Lines and columns come from the SourceText; Sprache only needs them for its own messages.
    public int Line => 1 + _source.Take(Position).Count(c => c == '\n');
    public int Column => Position - (Position == 0 ? 0 : _source.LastIndexOf('\n', Position - 1) + 1) + 1;
    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(other.Source, _source) && other.Position == Position;
    public override bool Equals(object? obj) => obj is IInput other && Equals(other);
    public override int GetHashCode() => Position;
}
