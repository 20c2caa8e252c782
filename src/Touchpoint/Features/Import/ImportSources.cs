using System.Text;

namespace Touchpoint.Features.Import;

/// <summary>
/// One record of an import file: where it starts, its original text (for the reject file) and either its
/// CSV fields, or — for NDJSON — nothing more (the handler parses <see cref="Raw"/>). <see cref="Malformed"/>
/// says why the record could not even be split into fields.
/// </summary>
internal sealed record SourceRecord(int Line, string Raw, string[]? Fields, string? Malformed);

internal interface IRecordSource
{
    /// <summary>The CSV header's column names (trimmed), or null for NDJSON.</summary>
    string[]? Header { get; }

    /// <summary>The header line as written, for the reject file; null for NDJSON.</summary>
    string? RawHeader { get; }

    /// <summary>Characters consumed so far (approximately bytes for ASCII-heavy files); for the ETA.</summary>
    long Position { get; }

    IEnumerable<SourceRecord> Records();
}

/// <summary>One JSON object per non-blank line.</summary>
internal sealed class NdjsonSource(TextReader reader) : IRecordSource
{
    private int lineNumber;

    public string[]? Header => null;
    public string? RawHeader => null;
    public long Position { get; private set; }

    public IEnumerable<SourceRecord> Records()
    {
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            Position += line.Length + 1;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return new SourceRecord(lineNumber, line, null, null);
            }
        }
    }
}

/// <summary>
/// RFC 4180 CSV read as a stream: comma separated, fields optionally in double quotes (a quote inside
/// doubled), quoted fields may span lines. A record that cannot be read — a stray quote, a quote never
/// closed, the wrong number of fields — comes back as a malformed record with its line number instead of
/// stopping the import; reading resumes on the next line.
/// </summary>
internal sealed class CsvSource : IRecordSource
{
    /// <summary>A quoted field still open after this many lines is taken to be an unbalanced quote.</summary>
    internal const int MaxLinesPerRecord = 50;

    private const int MaxRecordLength = 64 * 1024;

    private readonly TextReader reader;

    // Lines read ahead while looking for a closing quote that never came; they are read again as records.
    private readonly Queue<(int Number, string Text)> pushedBack = new();
    private int lineNumber;

    public CsvSource(TextReader reader)
    {
        this.reader = reader;
        while (NextLine() is { } first)
        {
            if (string.IsNullOrWhiteSpace(first.Text))
            {
                continue;
            }

            RawHeader = first.Text;
            var parsed = Parse(first);
            HeaderError = parsed.Malformed;
            Header = parsed.Fields?.Select(f => f.Trim()).ToArray() ?? [];
            break;
        }
    }

    public string[]? Header { get; }
    public string? RawHeader { get; }

    /// <summary>Why the header line could not be read, if it could not.</summary>
    public string? HeaderError { get; }

    public long Position { get; private set; }

    public IEnumerable<SourceRecord> Records()
    {
        if (Header is null)
        {
            yield break;
        }

        while (NextLine() is { } line)
        {
            if (line.Text.Length == 0 || (string.IsNullOrWhiteSpace(line.Text) && !line.Text.Contains('"', StringComparison.Ordinal)))
            {
                continue;
            }

            var record = Parse(line);
            if (record.Malformed is null && record.Fields!.Length != Header.Length)
            {
                record = record with
                {
                    Fields = null,
                    Malformed = $"The row has {record.Fields.Length} fields but the header has {Header.Length} columns.",
                };
            }

            yield return record;
        }
    }

    private (int Number, string Text)? NextLine()
    {
        if (pushedBack.TryDequeue(out var again))
        {
            return again;
        }

        if (reader.ReadLine() is not { } text)
        {
            return null;
        }

        lineNumber++;
        Position += text.Length + 1;
        return (lineNumber, text);
    }

    private SourceRecord Parse((int Number, string Text) first)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var raw = new StringBuilder(first.Text);
        var continuation = new List<(int, string)>();
        var text = first.Text;
        var i = 0;
        while (true)
        {
            // At the start of a field.
            field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    var quote = text.IndexOf('"', i);
                    if (quote < 0)
                    {
                        field.Append(text, i, text.Length - i);
                        if (continuation.Count + 1 >= MaxLinesPerRecord || raw.Length > MaxRecordLength || NextLine() is not { } next)
                        {
                            return Unbalanced(first, continuation);
                        }

                        continuation.Add(next);
                        raw.Append('\n').Append(next.Text);
                        field.Append('\n');
                        text = next.Text;
                        i = 0;
                        continue;
                    }

                    field.Append(text, i, quote - i);
                    if (quote + 1 < text.Length && text[quote + 1] == '"')
                    {
                        field.Append('"');
                        i = quote + 2;
                        continue;
                    }

                    i = quote + 1;
                    break;
                }

                if (i < text.Length && text[i] != ',')
                {
                    return new SourceRecord(first.Number, raw.ToString(), null,
                        $"Malformed CSV: field {fields.Count + 1} has '{text[i]}' after its closing quote; a quote inside a quoted field is written twice (\"\").");
                }
            }
            else
            {
                var end = text.IndexOf(',', i);
                if (end < 0)
                {
                    end = text.Length;
                }

                var quoteAt = text.IndexOf('"', i, end - i);
                if (quoteAt >= 0)
                {
                    return new SourceRecord(first.Number, raw.ToString(), null,
                        $"Malformed CSV: field {fields.Count + 1} contains a quote but does not start with one; quote the whole field and write the quote twice (\"\").");
                }

                field.Append(text, i, end - i);
                i = end;
            }

            fields.Add(field.ToString());
            if (i >= text.Length)
            {
                return new SourceRecord(first.Number, raw.ToString(), fields.ToArray(), null);
            }

            i++; // the comma
        }
    }

    private SourceRecord Unbalanced((int Number, string Text) first, List<(int Number, string Text)> continuation)
    {
        // The lines read while looking for the closing quote are records of their own, most likely.
        foreach (var line in continuation)
        {
            pushedBack.Enqueue(line);
        }

        return new SourceRecord(first.Number, first.Text, null, "Malformed CSV: a quoted field is never closed (unbalanced quote).");
    }
}
