using nietras.SeparatedValues;

namespace Touchpoint.Features.Import;

/// <summary>
/// One record of an import file: where it starts, its original text (for the reject file) and either its
/// CSV fields, or — for NDJSON — nothing more (the handler parses <see cref="Raw"/>). <see cref="Malformed"/>
/// says why the record could not even be split into fields, or why its text cannot be taken (then naming the column in
/// <see cref="MalformedField"/>).
/// </summary>
internal sealed record SourceRecord(int Line, string Raw, string[]? Fields, string? Malformed, string MalformedField = "");

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
/// RFC 4180 CSV read with Sep: comma separated, fields optionally in double quotes (a quote inside doubled), quoted fields
/// may span lines. Sep takes a quote anywhere in a field as opening or closing quoted text, so a stray quote would
/// silently join the lines after it into one record; every field with a quote is therefore checked to be quoted as a
/// whole. A record that cannot be read — a stray quote, text after a closing quote, a quote never closed, the wrong
/// number of fields — comes back as a malformed record with its line number instead of stopping the import, and the
/// lines Sep had joined to it are read again as records of their own.
/// </summary>
internal sealed class CsvSource : IRecordSource, IDisposable
{
    /// <summary>A quoted field still open after this many lines is taken to be an unbalanced quote.</summary>
    internal const int MaxLinesPerRecord = 50;

    private const int MaxRecordLength = 64 * 1024;

    private const string UnbalancedQuote = "Malformed CSV: a quoted field is never closed (unbalanced quote).";

    // The file's lines at the bottom; above them, lines Sep had joined to a malformed record, being read again.
    private readonly Stack<Lines> readers = new();

    public CsvSource(TextReader reader)
    {
        readers.Push(new Lines(Open(reader), firstLine: 1));
        if (Next() is { } header)
        {
            RawHeader = header.Raw;
            HeaderError = header.Malformed;
            Header = header.Fields?.Select(f => f.Trim()).ToArray() ?? [];
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

        while (Next() is { } record)
        {
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

    public void Dispose()
    {
        while (readers.TryPop(out var lines))
        {
            lines.Reader.Dispose();
        }
    }

    private static SepReader Open(TextReader reader) =>
        Sep.Reader(o => o with
        {
            Sep = new Sep(','),
            HasHeader = false,
            // Counted against the header here, so that a bad row is reported rather than thrown.
            DisableColCountCheck = true,
            // Codes, countries and names repeat from row to row.
            CreateToString = SepToString.PoolPerCol(),
        }).From(reader);

    /// <summary>The next non-blank record, or null at the end of the file.</summary>
    private SourceRecord? Next()
    {
        while (readers.TryPeek(out var lines))
        {
            var line = lines.NextLine;
            try
            {
                if (!lines.Reader.MoveNext())
                {
                    readers.Pop().Reader.Dispose();
                    continue;
                }
            }
            catch (NotSupportedException e)
            {
                // Sep buffers a record until it ends; only a quote never closed makes one longer than Sep can hold.
                throw new UnreadableCsvException(line, $"{UnbalancedQuote[..^1]}, and the rest of the file is too long to read past it.", e);
            }

            var row = lines.Reader.Current;
            lines.NextLine = lines.LineOffset + row.LineNumberToExcl;
            var text = row.Span;
            if (readers.Count == 1)
            {
                Position += text.Length + 1;
            }

            if (text.IsWhiteSpace() && !text.Contains('"'))
            {
                continue;
            }

            return Read(row, line, lines.NextLine - line);
        }

        return null;
    }

    private SourceRecord Read(SepReader.Row row, int line, int lineCount)
    {
        var text = row.Span;
        var fields = new string[row.ColCount];
        for (var i = 0; i < fields.Length; i++)
        {
            var col = row[i];
            var raw = col.Span;
            if (!raw.Contains('"'))
            {
                fields[i] = col.ToString();
                continue;
            }

            if (Unquote(raw, i + 1, out var value) is { } problem)
            {
                text.Overlaps(raw, out var start);
                var failedAt = problem.At < 0 ? 0 : start + problem.At;

                // Sep may have joined lines far below to an unclosed quote: only the record's own line is bad then.
                return lineCount > 1 && PastOneRecord(text[..failedAt])
                    ? Malformed(text, line, UnbalancedQuote, 0)
                    : Malformed(text, line, problem.Message, failedAt);
            }

            fields[i] = value;
        }

        if (lineCount > 1 && PastOneRecord(text))
        {
            return Malformed(text, line, UnbalancedQuote, 0);
        }

        return new SourceRecord(line, SingleLineBreaks(text), fields, null);
    }

    /// <summary>
    /// The record up to the end of the line where reading it failed; the lines after that, which Sep had joined to it,
    /// are read again.
    /// </summary>
    private SourceRecord Malformed(ReadOnlySpan<char> text, int line, string message, int failedAt)
    {
        var lineEnd = text[failedAt..].IndexOfAny('\r', '\n');
        if (lineEnd < 0)
        {
            return new SourceRecord(line, SingleLineBreaks(text), null, message);
        }

        lineEnd += failedAt;
        var consumed = text[..lineEnd];
        var rest = text[(lineEnd + (text[lineEnd..].StartsWith("\r\n") ? 2 : 1))..];
        var restLine = line + LineBreaks(consumed) + 1;
        readers.Push(new Lines(Open(new StringReader(rest.ToString())), restLine));
        return new SourceRecord(line, SingleLineBreaks(consumed), null, message);
    }

    /// <summary>A field containing a quote, unquoted; or why it cannot be, and where (-1: at its opening quote).</summary>
    private static (string Message, int At)? Unquote(ReadOnlySpan<char> raw, int fieldNumber, out string value)
    {
        value = "";
        if (raw[0] != '"')
        {
            return ($"Malformed CSV: field {fieldNumber} contains a quote but does not start with one; quote the whole field and write the quote twice (\"\").", raw.IndexOf('"'));
        }

        var i = 1;
        while (true)
        {
            var quote = raw[i..].IndexOf('"');
            if (quote < 0)
            {
                return (UnbalancedQuote, -1);
            }

            quote += i;
            if (quote + 1 < raw.Length && raw[quote + 1] == '"')
            {
                i = quote + 2;
                continue;
            }

            if (quote + 1 < raw.Length)
            {
                return ($"Malformed CSV: field {fieldNumber} has '{raw[quote + 1]}' after its closing quote; a quote inside a quoted field is written twice (\"\").", quote + 1);
            }

            value = SingleLineBreaks(raw[1..^1]).Replace("\"\"", "\"", StringComparison.Ordinal);
            return null;
        }
    }

    /// <summary>
    /// Whether a record reaching this far has more lines than <see cref="MaxLinesPerRecord"/> or goes on to another line
    /// after <see cref="MaxRecordLength"/> characters: then it is a quote never closed rather than a field spanning lines.
    /// </summary>
    private static bool PastOneRecord(ReadOnlySpan<char> upTo)
    {
        var lastBreak = upTo.LastIndexOfAny('\r', '\n');
        return lastBreak >= 0 && (lastBreak > MaxRecordLength || LineBreaks(upTo) >= MaxLinesPerRecord);
    }

    /// <summary>Line breaks inside a record as \n, whichever the file uses.</summary>
    private static string SingleLineBreaks(ReadOnlySpan<char> text) =>
        text.Contains('\r') ? text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text.ToString();

    private static int LineBreaks(ReadOnlySpan<char> text) => SingleLineBreaks(text).AsSpan().Count('\n');

    private sealed class Lines(SepReader reader, int firstLine)
    {
        public SepReader Reader { get; } = reader;

        /// <summary>Sep numbers the lines of what it reads from 1; this turns its numbers into the file's.</summary>
        public int LineOffset { get; } = firstLine - 1;

        /// <summary>The file's line number where the next record starts.</summary>
        public int NextLine { get; set; } = firstLine;
    }
}

/// <summary>A CSV file that cannot be read past a line; nothing of it is imported.</summary>
internal sealed class UnreadableCsvException(int line, string message, Exception inner) : Exception(message, inner)
{
    public int Line { get; } = line;
}
