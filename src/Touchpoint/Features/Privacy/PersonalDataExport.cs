using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Features.Customers;

namespace Touchpoint.Features.Privacy;

public enum ExportStatus
{
    /// <summary>Asked for; the <see cref="ExportGeneration"/> has not written it yet.</summary>
    Pending,

    /// <summary>Written; waiting for the staff member who asked to download it or send it to the customer.</summary>
    Ready,

    /// <summary>Downloaded by the staff member who asked; the documents are gone, the row is the record of the request.</summary>
    Downloaded,

    /// <summary>Sent to the customer's e-mail address; the documents went with the message and are gone from here.</summary>
    Sent,

    /// <summary>Writing it failed; <see cref="PersonalDataExport.FailureReason"/> says why.</summary>
    Failed,
}

public static class ExportStatuses
{
    public static string ToWireName(this ExportStatus status) => status switch
    {
        ExportStatus.Pending => "pending",
        ExportStatus.Ready => "ready",
        ExportStatus.Downloaded => "downloaded",
        ExportStatus.Sent => "sent",
        ExportStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

/// <summary>
/// A request for everything Touchpoint holds on a person (GDPR Art. 15): who asked and when, and, until it is downloaded
/// once by that staff member or sent to the customer, the two documents (JSON for machines, HTML for people). The row
/// outlives its documents as the record that the request was made and answered.
/// </summary>
public sealed class PersonalDataExport
{
    public const int MaxFailureReasonLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }
    public required string RequestedByUserId { get; set; }
    public required string RequestedByName { get; set; }
    public DateTime RequestedAt { get; set; }
    public ExportStatus Status { get; set; }

    /// <summary>When the documents were written, or writing them failed.</summary>
    public DateTime? FinishedAt { get; set; }

    public string? FailureReason { get; set; }

    /// <summary>The export as JSON (UTF-8), times in UTC; null before it is ready and after it left.</summary>
    [PersonalData]
    public byte[]? JsonDocument { get; set; }

    /// <summary>The export as one self-contained HTML page (UTF-8), times in the customer's local time.</summary>
    [PersonalData]
    public byte[]? HtmlDocument { get; set; }

    public DateTime? DownloadedAt { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>The outbox message the documents went with.</summary>
    public Guid? SentMessageId { get; set; }
}

internal sealed class PersonalDataExportConfiguration : IEntityTypeConfiguration<PersonalDataExport>
{
    public void Configure(EntityTypeBuilder<PersonalDataExport> builder)
    {
        builder.ToTable("PersonalDataExports");
        builder.Property(e => e.RequestedByUserId).HasMaxLength(64);
        builder.Property(e => e.RequestedByName).HasMaxLength(256);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.FailureReason).HasMaxLength(PersonalDataExport.MaxFailureReasonLength);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.CustomerId, e.RequestedAt });
        // What the generator has left to write, oldest first; finished exports leave the index.
        builder.HasIndex(e => e.RequestedAt).HasFilter("\"Status\" = 'Pending'").HasDatabaseName("IX_PersonalDataExports_Pending");
    }
}
