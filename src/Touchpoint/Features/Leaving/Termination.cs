using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Leaving;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Subscriptions;

namespace Touchpoint.Features.Leaving;

/// <summary>
/// A confirmed cancellation or withdrawal of one subscription, through any channel (TP-2), with the date it takes
/// effect and the rules that decided it. A pending one is a timer: <see cref="DueAt"/> is when the subscription ends.
/// A withdrawal from a change (<see cref="TerminationKind.ChangeWithdrawal"/>) is kept here too, with its reference
/// and confirmation, although the subscription runs on.
/// </summary>
public sealed class Termination
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>What the customer keeps and quotes, e.g. <c>L-20261123-K7Q2MX</c>.</summary>
    public required string Reference { get; set; }

    public Guid CustomerId { get; set; }
    public Guid SubscriptionId { get; set; }

    public required TerminationKind Kind { get; set; }

    /// <summary>The channel the customer asked through (web, phone, chat, store …).</summary>
    public required InteractionChannel Channel { get; set; }

    /// <summary>Who recorded it: the member of staff, or the customer on the self-service page.</summary>
    public required string RequestedByName { get; set; }

    public DateTime RequestedAt { get; set; }

    /// <summary>The day the subscription ends: today for a withdrawal.</summary>
    public DateOnly EffectiveDate { get; set; }

    /// <summary>Rule ids from RULES.md, comma-separated.</summary>
    public required string RuleIds { get; set; }

    public required string Explanation { get; set; }

    public required TerminationState State { get; set; }

    /// <summary>When the timer ends the subscription; null once nothing is left to do.</summary>
    public DateTime? DueAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>The subscription's binding end when the termination was asked for: restored unchanged if it is withdrawn (TP-1).</summary>
    public DateOnly? BindingEndBefore { get; set; }

    /// <summary>The status the subscription had before, restored if the termination is withdrawn.</summary>
    public required SubscriptionStatus StatusBefore { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>customer or operator: at whose request the termination was withdrawn.</summary>
    public string? RevokedAtRequestOf { get; set; }

    /// <summary>The channel the withdrawal of the termination was asked through.</summary>
    public InteractionChannel? RevokedVia { get; set; }

    /// <summary>A retention offer made before the customer confirmed, which they declined.</summary>
    public string? DeclinedRetentionOffer { get; set; }

    /// <summary>For a withdrawal from a change: the order item that sold the change.</summary>
    public Guid? OrderItemId { get; set; }

    /// <summary>For an ending without cost: the finding it rests on (EU-105-5).</summary>
    public Guid? FindingId { get; set; }

    public IReadOnlyList<string> RuleIdList => RuleIds.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class TerminationConfiguration : IEntityTypeConfiguration<Termination>
{
    public void Configure(EntityTypeBuilder<Termination> builder)
    {
        builder.ToTable("Terminations");
        builder.Property(t => t.Reference).HasMaxLength(32);
        builder.Property(t => t.Kind).HasWireNameConversion(TerminationKinds.ToWireName, TerminationKinds.TryParse).HasMaxLength(16);
        builder.Property(t => t.Channel).HasWireNameConversion(InteractionChannels.ToWireName, InteractionChannels.TryParse).HasMaxLength(16);
        builder.Property(t => t.RequestedByName).HasMaxLength(200);
        builder.Property(t => t.RuleIds).HasMaxLength(200);
        builder.Property(t => t.Explanation).HasMaxLength(1000);
        builder.Property(t => t.State).HasWireNameConversion(TerminationStates.ToWireName, TerminationStates.TryParse).HasMaxLength(16);
        builder.Property(t => t.StatusBefore).HasWireNameConversion(SubscriptionStatuses.ToWireName, SubscriptionStatuses.TryParse).HasMaxLength(20);
        builder.Property(t => t.RevokedAtRequestOf).HasMaxLength(16);
        builder.Property(t => t.RevokedVia).HasWireNameConversion(InteractionChannels.ToWireName, InteractionChannels.TryParse).HasMaxLength(16);
        builder.Property(t => t.DeclinedRetentionOffer).HasMaxLength(500);
        builder.Ignore(t => t.RuleIdList);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(t => t.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        // Plain columns, no foreign keys: adding a foreign key to an existing table rebuilds it on SQLite. Neither row is ever deleted.
        builder.HasIndex(t => t.OrderItemId);
        builder.HasIndex(t => t.FindingId);
        builder.HasIndex(t => t.Reference).IsUnique();
        builder.HasIndex(t => new { t.SubscriptionId, t.RequestedAt });
        builder.HasIndex(t => t.CustomerId);
        // At most one pending cancellation per subscription, also when two requests race.
        builder.HasIndex(t => t.SubscriptionId).IsUnique().HasFilter("\"State\" = 'pending'");
        // The termination timer reads only what is due, through this index (as promises do).
        builder.HasIndex(t => t.DueAt);
    }
}
