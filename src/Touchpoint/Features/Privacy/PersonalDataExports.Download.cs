using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy;

/// <summary>A document of an export as a file.</summary>
public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

public static class ExportFormats
{
    public const string Json = "json";
    public const string Html = "html";

    public static bool TryParse(string? format, out string parsed)
    {
        parsed = format?.Trim().ToLowerInvariant() ?? "";
        return parsed is Json or Html;
    }
}

public sealed partial class PersonalDataExports
{
    /// <summary>
    /// The export in <paramref name="format"/>, for the staff member who asked, once: afterwards both documents are
    /// deleted and a second download is told when the first was.
    /// </summary>
    public async Task<Outcome<ExportFile>> DownloadAsync(Guid id, string? format, CancellationToken cancellationToken)
    {
        if (!ExportFormats.TryParse(format, out var wanted))
        {
            return new Failure.Invalid("format", "format must be json or html.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await TakeAsync(id, cancellationToken);
        if (taken.Failure is { } failure)
        {
            return failure;
        }

        var export = taken.Value!;
        var file = wanted == ExportFormats.Json
            ? new ExportFile(export.JsonDocument!, "application/json", FileName(export, "json"))
            : new ExportFile(export.HtmlDocument!, "text/html; charset=utf-8", FileName(export, "html"));
        Empty(export);
        export.Status = ExportStatus.Downloaded;
        export.DownloadedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await reads.RecordAsync(nameof(PersonalDataExport), export.Id.ToString(), $"{ExportGeneration.Purpose}: downloaded as {wanted}", export.CustomerId, cancellationToken);
        return file;
    }

    private static string FileName(PersonalDataExport export, string extension) =>
        $"personal-data-{export.CustomerId:N}-{export.RequestedAt:yyyyMMdd}.{extension}";
}
