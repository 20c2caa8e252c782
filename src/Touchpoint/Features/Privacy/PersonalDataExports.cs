using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy;

/// <param name="DownloadableBy">The one member of staff who may download or send it: whoever asked.</param>
public sealed record ExportView(
    Guid Id, Guid CustomerId, string Status, string DownloadableBy, string RequestedByName, DateTime RequestedAt, DateTime? FinishedAt,
    string? FailureReason, DateTime? DownloadedAt, DateTime? SentAt, Guid? SentMessageId)
{
    public static ExportView Of(PersonalDataExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return new(export.Id, export.CustomerId, export.Status.ToWireName(), export.RequestedByUserId, export.RequestedByName, export.RequestedAt,
            export.FinishedAt, export.FailureReason, export.DownloadedAt, export.SentAt, export.SentMessageId);
    }
}

/// <summary>The export has left (downloaded or sent); the row is only the record of it now (410).</summary>
public sealed record ExportGone(string Message) : Failure(Message);

/// <summary>
/// GDPR Art. 15 exports: asked for by a member of staff, written by <see cref="ExportGeneration"/>, then downloaded once
/// by that staff member or sent to the customer. One file per use case; every step is a read of personal data in the audit.
/// </summary>
public sealed partial class PersonalDataExports(TouchpointDbContext db, CurrentActor actor, ReadAudit reads, TimeProvider clock, CustomerVoices voices)
{
    /// <summary>
    /// Holds the export for a step that takes its documents, as long as it is the caller's and still has them: a
    /// document leaves exactly once, however many requests race for it.
    /// </summary>
    private async Task<Outcome<PersonalDataExport>> TakeAsync(Guid id, CancellationToken cancellationToken)
    {
        var export = (await db.LockAsync(db.PersonalDataExports.Where(e => e.Id == id), cancellationToken)).SingleOrDefault();
        if (export is null)
        {
            return new Failure.NotFound($"There is no personal data export {id}.");
        }

        if (export.RequestedByUserId != actor.Get().UserId)
        {
            return new NotAllowed($"Only {export.RequestedByName}, who asked for this export, may download it or send it.");
        }

        return export.Status switch
        {
            ExportStatus.Ready => export,
            ExportStatus.Downloaded => new ExportGone($"This export was downloaded at {WallClock.Iso(export.DownloadedAt!.Value)}; it can be downloaded only once. Ask for a new one."),
            ExportStatus.Sent => new ExportGone($"This export was sent to the customer at {WallClock.Iso(export.SentAt!.Value)}; ask for a new one."),
            ExportStatus.Failed => new Failure.Conflict($"This export failed: {export.FailureReason} Ask for a new one."),
            _ => new Failure.Conflict("This export is still being written; its status turns ready within minutes."),
        };
    }

    /// <summary>The documents leave once: the row stays as the record of the request.</summary>
    private static void Empty(PersonalDataExport export)
    {
        export.JsonDocument = null;
        export.HtmlDocument = null;
    }
}
