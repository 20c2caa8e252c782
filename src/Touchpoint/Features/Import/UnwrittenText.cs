using System.Text.Unicode;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Features.Import;

/// <summary>
/// Rows no person wrote as they stand: bytes that are not UTF-8, or a character <see cref="WrittenText"/> refuses (a NUL, an
/// escape). Each is a bad row reported with its line, like any other, so one of them never stops the rest of the file;
/// the file is decoded leniently and the lines that were not UTF-8 are found beforehand, rather than guessed from
/// replacement characters a file may also hold on purpose.
/// </summary>
internal static class UnwrittenText
{
    /// <summary>The lines (from 1, split at '\n' as the readers do) holding bytes that are not UTF-8.</summary>
    public static async Task<IReadOnlySet<int>> FindNonUtf8LinesAsync(string path, CancellationToken cancellationToken)
    {
        var lines = new HashSet<int>();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        using var pending = new MemoryStream();
        var line = 1;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var rest = buffer.AsMemory(0, read);
            int end;
            while ((end = rest.Span.IndexOf((byte)'\n')) >= 0)
            {
                if (!IsUtf8(pending, rest.Span[..end]))
                {
                    lines.Add(line);
                }

                line++;
                rest = rest[(end + 1)..];
            }

            pending.Write(rest.Span);
        }

        if (!IsUtf8(pending, []))
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Each record as read, or as a bad one when it spans a line that is not UTF-8 or holds a refused character.</summary>
    public static IEnumerable<SourceRecord> Checked(IEnumerable<SourceRecord> records, string[]? header, IReadOnlySet<int> nonUtf8Lines)
    {
        foreach (var record in records)
        {
            yield return record.Malformed is not null ? record : Check(record, header, nonUtf8Lines);
        }
    }

    private static SourceRecord Check(SourceRecord record, string[]? header, IReadOnlySet<int> nonUtf8Lines)
    {
        if (nonUtf8Lines.Count > 0)
        {
            var last = record.Line + record.Raw.AsSpan().Count('\n');
            if (Enumerable.Range(record.Line, last - record.Line + 1).FirstOrDefault(nonUtf8Lines.Contains) is var bad and > 0)
            {
                return Bad(record, $"Line {bad} is not valid UTF-8; save the file as UTF-8.");
            }
        }

        if (record.Fields is { } fields && header is not null)
        {
            for (var i = 0; i < fields.Length; i++)
            {
                if (WrittenText.Problem(fields[i]) is { } problem)
                {
                    return Bad(record, problem, i < header.Length ? header[i] : "");
                }
            }
        }
        else if (WrittenText.Problem(record.Raw) is { } problem)
        {
            return Bad(record, problem);
        }

        return record;
    }

    private static SourceRecord Bad(SourceRecord record, string why, string field = "") => record with { Fields = null, Malformed = why, MalformedField = field };

    private static bool IsUtf8(MemoryStream pending, ReadOnlySpan<byte> tail)
    {
        if (pending.Length == 0)
        {
            return Utf8.IsValid(tail);
        }

        pending.Write(tail);
        var valid = Utf8.IsValid(pending.GetBuffer().AsSpan(0, (int)pending.Length));
        pending.SetLength(0);
        return valid;
    }
}
