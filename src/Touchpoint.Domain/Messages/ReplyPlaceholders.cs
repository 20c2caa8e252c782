namespace Touchpoint.Domain.Messages;

/// <summary>
/// What a reply template's placeholders stand for in one case. Null (or empty) means the case has nothing to put
/// there, e.g. no compensation granted yet: the placeholder then stays in the text and is reported as missing.
/// </summary>
/// <param name="Name">The customer's name.</param>
/// <param name="Case">The case reference, e.g. C-000123.</param>
/// <param name="Answers">The case's answered questions, one "question — answer" line each (<see cref="ReplyPlaceholders.AnswerLines"/>).</param>
/// <param name="Compensation">The case's granted or approved compensation, as the customer reads it.</param>
/// <param name="Agent">The sender's display name.</param>
public sealed record PlaceholderValues(string? Name, string? Case, string? Answers, string? Compensation, string? Agent);

/// <summary>A template's text filled for one case; <paramref name="Missing"/> lists the placeholders left in it (e.g. "{compensation}"), in order of first use.</summary>
public sealed record RenderedText(string Text, IReadOnlyList<string> Missing);

/// <summary>
/// The placeholder language of reply templates: <c>{name}</c>, <c>{case}</c>, <c>{answers}</c>, <c>{compensation}</c>
/// and <c>{agent}</c>, written in lower case between single braces. Braces mean nothing else in a template, so a
/// brace that opens no known placeholder is a mistake, named when the template is saved rather than found by the customer.
/// </summary>
public static class ReplyPlaceholders
{
    public const string Name = "{name}";
    public const string Case = "{case}";
    public const string Answers = "{answers}";
    public const string Compensation = "{compensation}";
    public const string Agent = "{agent}";

    /// <summary>Every placeholder with what it becomes, in the order a template editor lists them.</summary>
    public static IReadOnlyList<(string Placeholder, string Meaning)> All { get; } =
    [
        (Name, "the customer's name"),
        (Case, "the case reference, e.g. C-000123"),
        (Answers, "the case's answered questions, one \"question — answer\" line each"),
        (Compensation, "the compensation granted or approved on the case, e.g. \"350 SEK for: three days without service\""),
        (Agent, "the name of the person sending the reply"),
    ];

    private static readonly string Known = $"{string.Join(", ", All.Take(All.Count - 1).Select(p => p.Placeholder))} or {All[^1].Placeholder}";

    /// <summary>Every mistake in <paramref name="text"/>, in the order they occur: unknown placeholders and unbalanced braces. Empty when it is fine.</summary>
    public static IReadOnlyList<string> Problems(string? text)
    {
        var problems = new List<string>();
        foreach (var token in Tokens(text ?? ""))
        {
            switch (token)
            {
                case Token.Unclosed unclosed:
                    problems.Add($"The '{{' at character {unclosed.At + 1} is not closed: a placeholder is written like {Name}.");
                    break;
                case Token.Unopened unopened:
                    problems.Add($"The '}}' at character {unopened.At + 1} closes nothing: a placeholder is written like {Name}.");
                    break;
                case Token.Placeholder { IsKnown: false } unknown:
                    problems.Add($"Unknown placeholder {unknown.Text}; use {Known}.");
                    break;
            }
        }

        return problems;
    }

    /// <summary>
    /// Fills the known placeholders of <paramref name="text"/> that have a value; those without one stay as they are
    /// and are named in <see cref="RenderedText.Missing"/>. Text with <see cref="Problems"/> is rendered as far as it can be.
    /// </summary>
    public static RenderedText Render(string text, PlaceholderValues values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        var rendered = new System.Text.StringBuilder(text.Length);
        var missing = new List<string>();
        var copiedUpTo = 0;
        foreach (var placeholder in Tokens(text).OfType<Token.Placeholder>().Where(p => p.IsKnown))
        {
            rendered.Append(text, copiedUpTo, placeholder.At - copiedUpTo);
            copiedUpTo = placeholder.At + placeholder.Text.Length;
            if (ValueOf(placeholder.Text, values) is { Length: > 0 } value)
            {
                rendered.Append(value);
            }
            else
            {
                rendered.Append(placeholder.Text);
                if (!missing.Contains(placeholder.Text))
                {
                    missing.Add(placeholder.Text);
                }
            }
        }

        rendered.Append(text, copiedUpTo, text.Length - copiedUpTo);
        return new RenderedText(rendered.ToString(), missing);
    }

    /// <summary>The known placeholders still written in <paramref name="text"/>, each once, in order: a reply holding one was not filled in.</summary>
    public static IReadOnlyList<string> LeftIn(string? text) =>
        [.. Tokens(text ?? "").OfType<Token.Placeholder>().Where(p => p.IsKnown).Select(p => p.Text).Distinct()];

    /// <summary>The first of <see cref="LeftIn"/>, or null.</summary>
    public static string? FirstLeftIn(string? text) => LeftIn(text) is [var first, ..] ? first : null;

    /// <summary>The value of <see cref="PlaceholderValues.Answers"/>: one "question — answer" line per answered question, or null when none is.</summary>
    public static string? AnswerLines(IEnumerable<(string Question, string Answer)> answered)
    {
        ArgumentNullException.ThrowIfNull(answered);
        var lines = answered.Select(a => $"{a.Question.Trim()} — {a.Answer.Trim()}").ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    private static string? ValueOf(string placeholder, PlaceholderValues values) => placeholder switch
    {
        Name => values.Name,
        Case => values.Case,
        Answers => values.Answers,
        Compensation => values.Compensation,
        Agent => values.Agent,
        _ => null,
    };

    private static IEnumerable<Token> Tokens(string text)
    {
        var opened = -1;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '{':
                    if (opened >= 0)
                    {
                        yield return new Token.Unclosed(opened);
                    }

                    opened = i;
                    break;
                case '}' when opened < 0:
                    yield return new Token.Unopened(i);
                    break;
                case '}':
                    var placeholder = text[opened..(i + 1)];
                    yield return new Token.Placeholder(opened, placeholder, All.Any(p => p.Placeholder == placeholder));
                    opened = -1;
                    break;
                case '\n' when opened >= 0:
                    // A placeholder is one word: a brace left open at the end of a line is not closed on the next.
                    yield return new Token.Unclosed(opened);
                    opened = -1;
                    break;
            }
        }

        if (opened >= 0)
        {
            yield return new Token.Unclosed(opened);
        }
    }

    private abstract record Token(int At)
    {
        public sealed record Placeholder(int At, string Text, bool IsKnown) : Token(At);

        public sealed record Unclosed(int At) : Token(At);

        public sealed record Unopened(int At) : Token(At);
    }
}
