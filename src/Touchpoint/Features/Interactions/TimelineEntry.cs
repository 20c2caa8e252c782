using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Interactions;

/// <summary>
/// One event in a customer's single history (S1-3). Every feature writes its events here in the same
/// transaction as its own rows, so every screen reads one indexed table, newest first.
/// </summary>
public sealed class TimelineEntry : IDerivedRow, IHasStoredTexts
{
    /// <summary>Database-generated; with <see cref="At"/> it orders the timeline for keyset paging.</summary>
    public long Id { get; set; }
    public Guid CustomerId { get; set; }
    public DateTime At { get; set; }

    /// <summary>Stored as its wire name (interaction, subscriptionChange, …).</summary>
    public required TimelineEntryKind Kind { get; set; }

    /// <summary>The contact channel, for interactions and for events made through one.</summary>
    public string? Channel { get; set; }

    public string? Direction { get; set; }
    /// <summary>What happened, often in the customer's words or naming him: personal, cleared when his data is erased.</summary>
    [PersonalData]
    public required string Title { get; set; }

    [PersonalData]
    public string Detail { get; set; } = "";

    /// <summary>The title as a key of the agent texts, so each reader sees it in their language (see <see cref="StoredText"/>); null on older rows.</summary>
    public string? TitleKey { get; set; }

    /// <summary>The title's args as a JSON array; they name the customer as the title does.</summary>
    [PersonalData]
    public string? TitleArgs { get; set; }

    public string? DetailKey { get; set; }

    [PersonalData]
    public string? DetailArgs { get; set; }

    public string ActorName { get; set; } = "";

    /// <summary>Set when a partner agency acted, so the timeline shows it was not the operator (S0-1).</summary>
    public string? PartnerAgencyName { get; set; }

    /// <summary>The row the event is about, e.g. the interaction's id.</summary>
    public string? SourceId { get; set; }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("TimelineEntries");
        builder.Property(t => t.Kind).HasWireNameConversion(TimelineEntryKinds.ToWireName, TimelineEntryKinds.TryParse).HasMaxLength(32);
        builder.Property(t => t.Channel).HasMaxLength(16);
        builder.Property(t => t.Direction).HasMaxLength(16);
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.Property(t => t.Detail).HasMaxLength(4000);
        builder.Property(t => t.TitleKey).HasMaxLength(StoredText.KeyLength);
        builder.Property(t => t.TitleArgs).HasMaxLength(StoredText.ArgsLength);
        builder.Property(t => t.DetailKey).HasMaxLength(StoredText.KeyLength);
        builder.Property(t => t.DetailArgs).HasMaxLength(StoredText.ArgsLength);
        builder.Property(t => t.ActorName).HasMaxLength(200);
        builder.Property(t => t.PartnerAgencyName).HasMaxLength(200);
        builder.Property(t => t.SourceId).HasMaxLength(64);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // Newest-first pages of one customer's history from one index range. The largest table gets one index, not
        // one per filter: every interaction written (and imported) pays for each. Kind and channel ride along at the
        // end so a filtered page is checked on index entries and reads only the rows it shows (SQLite defers the
        // table seek until a column outside the index is needed).
        builder.HasIndex(t => new { t.CustomerId, t.At, t.Id, t.Kind, t.Channel });
    }
}
