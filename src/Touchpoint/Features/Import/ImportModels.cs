using Touchpoint.Hosting;

namespace Touchpoint.Features.Import;

public enum ImportKind
{
    Customers,
    Subscriptions,
    Interactions,
    Coverage,
}

public enum ImportFormat
{
    Csv,
    Ndjson,
}

/// <summary>What to import and how to treat bad rows.</summary>
/// <param name="SkipInvalid">Import the valid rows and write the bad ones to <paramref name="RejectPath"/>; otherwise any bad row means nothing is written.</param>
/// <param name="RejectPath">Where skipped rows go; null means <c>&lt;file&gt;.rejects.&lt;ext&gt;</c> beside the file.</param>
/// <param name="Actor">Who the audit entry names; null means the system.</param>
public sealed record ImportRequest(ImportKind Kind, string Path, bool SkipInvalid = false, string? RejectPath = null, Actor? Actor = null)
{
    public ImportFormat Format => ImportFormats.FromPath(Path)
        ?? throw new ArgumentException($"{Path} is neither .csv nor .ndjson/.jsonl.", nameof(Path));

    public string EffectiveRejectPath => RejectPath ?? DefaultRejectPath(Path);

    /// <summary>customers.csv → customers.rejects.csv, beside the original.</summary>
    public static string DefaultRejectPath(string path) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".",
            $"{System.IO.Path.GetFileNameWithoutExtension(path)}.rejects{System.IO.Path.GetExtension(path)}");
}

public static class ImportFormats
{
    public static ImportFormat? FromPath(string path) => System.IO.Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".CSV" => ImportFormat.Csv,
        ".NDJSON" or ".JSONL" => ImportFormat.Ndjson,
        _ => null,
    };
}

/// <summary>A bad row: its first physical line in the file, the field (CSV column or JSON path) and why.</summary>
public sealed record ImportError(int Line, string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? $"line {Line}: {Message}" : $"line {Line}: {Field}: {Message}";
}

/// <summary>The outcome of one import.</summary>
/// <param name="Errors">The first <see cref="Importer.MaxErrorsKept"/> bad rows, in file order; <paramref name="Rejected"/> counts all of them.</param>
/// <param name="Committed">True when the rows were written; false when nothing was (bad rows without --skip-invalid, or a bad header).</param>
/// <param name="FileError">A problem with the file as a whole (e.g. its header), which stops the import before any row.</param>
public sealed record ImportResult(
    long Read, long Imported, long Rejected, TimeSpan Duration, IReadOnlyList<ImportError> Errors, bool Committed,
    string? RejectFile, string? FileError)
{
    public double RowsPerSecond => Duration.TotalSeconds > 0 ? Read / Duration.TotalSeconds : 0;
}

/// <summary>Counters of a running import, read by the progress display from another thread.</summary>
public sealed class ImportProgress
{
    private long read;
    private long validated;
    private long written;
    private long bytesRead;

    public ImportProgress(long? totalBytes) => TotalBytes = totalBytes;

    public long? TotalBytes { get; }
    public long Read => Interlocked.Read(ref read);
    public long Validated => Interlocked.Read(ref validated);
    public long Written => Interlocked.Read(ref written);
    public long BytesRead => Interlocked.Read(ref bytesRead);

    internal void AddRead(long rows, long position)
    {
        Interlocked.Add(ref read, rows);
        Interlocked.Exchange(ref bytesRead, position);
    }

    internal void AddValidated(long rows) => Interlocked.Add(ref validated, rows);

    internal void AddWritten(long rows) => Interlocked.Add(ref written, rows);
}
