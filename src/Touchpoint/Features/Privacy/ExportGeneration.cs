using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Touchpoint.Data;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy;

/// <summary>
/// Writes requested exports, run by the <see cref="DueWatcher"/> (so within seconds of the request, and tests run it
/// themselves). The documents are written from streaming reads outside any transaction, one record kind after the
/// other, so thousands of contacts hold no lock; then a short transaction claims the request and stores them, so two
/// nodes never both finish one.
/// </summary>
public sealed partial class ExportGeneration(
    AuditJournal journal, ReadAudit reads, CustomerVoices voices, IStringLocalizerFactory localizers, ILogger<ExportGeneration> logger) : IDueWork
{
    public const string Purpose = "GDPR Art. 15 export";

    public string Name => "personal data exports";

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One export per run: each is a large read; the watcher comes back at once while it keeps finding work.
        var next = await Pending(db).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            return 0;
        }

        // Reads audited until now are in the export's audit section, including the one that asked for it.
        await journal.MoveAsync(cancellationToken);
        Written? written;
        string? failure = null;
        try
        {
            written = await WriteAsync(db, next, now, cancellationToken);
            failure = written is null ? "The customer no longer exists." : null;
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or IOException)
        {
            LogFailed(exception, next.Id);
            written = null;
            failure = $"Writing the export failed: {exception.Message}";
        }

        var finished = await db.HandleDueAsync(Pending(db).Where(e => e.Id == next.Id), 1, claimed =>
        {
            var export = claimed[0];
            export.FinishedAt = now;
            export.Status = written is null ? ExportStatus.Failed : ExportStatus.Ready;
            export.FailureReason = failure is null ? null : failure[..Math.Min(failure.Length, PersonalDataExport.MaxFailureReasonLength)];
            export.JsonDocument = written?.Json;
            export.HtmlDocument = written?.Html;
            return Task.CompletedTask;
        }, cancellationToken);
        if (finished == 1 && written is not null)
        {
            await reads.RecordAsync(nameof(PersonalDataExport), next.Id.ToString(), $"{Purpose}: written", next.CustomerId, cancellationToken);
        }

        // Another node finished it meanwhile: still one handled, so the watcher looks for the next at once.
        return 1;
    }

    private static IQueryable<PersonalDataExport> Pending(TouchpointDbContext db) =>
        db.PersonalDataExports.Where(e => e.Status == ExportStatus.Pending).OrderBy(e => e.RequestedAt);

    private async Task<Written?> WriteAsync(TouchpointDbContext db, PersonalDataExport export, DateTime now, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == export.CustomerId)
            .Select(c => new { c.Number, c.Name, c.PreferredLanguage, c.Jurisdiction }).FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var heading = new ExportHeading(export.Id, export.CustomerId, customer.Number, customer.Name, export.RequestedByName, export.RequestedAt, now);
        var records = await PersonalDataSections.RecordsOfAsync(db, export.CustomerId, cancellationToken);
        using var json = new MemoryStream();
        using var html = new MemoryStream();
        // The readable copy speaks the customer's language, as the e-mail that may carry it does.
        var wording = new ExportWording(localizers, voices.For(customer.PreferredLanguage, customer.Jurisdiction));
        using (var writer = new ExportDocumentWriter(db.Model, wording, heading, json, html))
        {
            foreach (var section in PersonalDataSections.All)
            {
                writer.BeginSection(section.Key, section.Title);
                await foreach (var row in section.Rows(db, records).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    writer.WriteRow(row);
                }

                writer.EndSection();
            }

            writer.Finish();
        }

        return new Written(json.ToArray(), html.ToArray());
    }

    private sealed record Written(byte[] Json, byte[] Html);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing personal data export {ExportId} failed.")]
    private partial void LogFailed(Exception exception, Guid exportId);
}
