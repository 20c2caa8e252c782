using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Subscriptions;

namespace Touchpoint.Features.Cases;

/// <summary>
/// A complaint, request or fault of one customer, with one owner from creation (S2-3). Enumerated values are
/// stored as their wire names (see the domain's CaseStatuses, CaseTypes, …) so a rename in code never changes
/// stored data. Every decision about a case is taken by the domain rules in Touchpoint.Domain.Cases.
/// </summary>
[SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "A case is what care calls it; the clash is with Visual Basic's Case, and nothing here is consumed from VB.")]
public sealed class Case
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>What people say and type, e.g. C-000123; also what <c>Interaction.CaseRef</c> holds.</summary>
    public required string Reference { get; set; }

    public Guid CustomerId { get; set; }
    public Guid? SubscriptionId { get; set; }

    /// <summary>The customer's jurisdiction when the case was opened: picks the business calendar and the dispute body.</summary>
    public required string Jurisdiction { get; set; }

    public required CaseType Type { get; set; }
    public required CasePriority Priority { get; set; }
    public required CaseStatus Status { get; set; }

    /// <summary>Where the customer raised it; every channel gets the same SLA (S2-5).</summary>
    public required InteractionChannel Channel { get; set; }

    // The customer's need in their words, kept apart from any compensation (S3-4).
    [PersonalData]
    public required string NeedStatement { get; set; }
    public bool NeedResolved { get; set; }
    [PersonalData]
    public string? NeedReasonNotResolved { get; set; }

    /// <summary>ISO 10002 root cause, one of <see cref="RootCauses"/>; usually set when the case is resolved.</summary>
    public string? RootCause { get; set; }

    // The current owner; the full succession is in CaseOwnerHistory.
    public required OwnerKind OwnerKind { get; set; }
    public required string OwnerId { get; set; }
    public required string OwnerName { get; set; }

    /// <summary>
    /// The person SLA escalations start from: the owner, or for a case in a queue, whoever put it there or
    /// accepted it for the queue — a queue has no team lead of its own.
    /// </summary>
    public required string AccountableUserId { get; set; }

    // A handoff waiting for the new owner's answer (S2-3); all null when none is.
    public OwnerKind? HandoffToKind { get; set; }
    public string? HandoffToId { get; set; }
    public string? HandoffToName { get; set; }
    public DateTime? HandoffRequestedAt { get; set; }
    public string? HandoffRequestedById { get; set; }
    public string? HandoffRequestedByName { get; set; }
    public string? HandoffReason { get; set; }
    public bool HandoffIsBounce { get; set; }

    public int AcceptedHandoffs { get; set; }

    /// <summary>Handoff requests back to an earlier owner, accepted or not (S2-4).</summary>
    public int Bounces { get; set; }

    /// <summary>
    /// Times the case was reopened after being resolved, because the customer said it was not solved. A reopened case
    /// keeps its owner and history, and never counts as resolved at the first contact.
    /// </summary>
    public int ReopenCount { get; set; }

    /// <summary>SLA warnings and breaches escalated so far: the rung of the escalation ladder the next one goes to.</summary>
    public int SlaEscalations { get; set; }

    /// <summary>SLA alerts at or before this instant have been escalated; later ones have not. Null: none yet.</summary>
    public DateTime? SlaAlertsHandledUntil { get; set; }

    public DateTime OpenedAt { get; set; }
    public required string OpenedById { get; set; }
    public required string OpenedByName { get; set; }
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? LastUpdateAt { get; set; }

    /// <summary>Null while not resolved; a reopened case is not resolved.</summary>
    public DateTime? ResolvedAt { get; set; }

    /// <summary>When the case reached a final status: closed, cancelled or rejected.</summary>
    public DateTime? ClosedAt { get; set; }

    /// <summary>The earliest due time of a deadline still running, overdue ones included: "my work" sorts by it.</summary>
    public DateTime? NextDueAt { get; set; }

    /// <summary>When the SLA watcher must look at this case next; null while nothing can fire (not open, or pending).</summary>
    public DateTime? NextSlaAlarmAt { get; set; }

    /// <summary>Optimistic concurrency: two people (or a person and the watcher) never overwrite each other.</summary>
    public int Version { get; set; }
}

/// <summary>A question the customer asked; the case cannot be resolved while one is unanswered (S1-4).</summary>
public sealed class CaseQuestion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }

    /// <summary>Order of asking, from 0.</summary>
    public int Position { get; set; }

    [PersonalData]
    public required string Text { get; set; }
    public DateTime AskedAt { get; set; }
    [PersonalData]
    public string? Answer { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? AnsweredById { get; set; }
    public string? AnsweredByName { get; set; }
}

/// <summary>One stretch of ownership. The succession is what bounce detection compares against (S2-4).</summary>
public sealed class CaseOwnerHistoryEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }

    /// <summary>0 for the owner from creation, then 1, 2, … for each accepted handoff.</summary>
    public int Sequence { get; set; }

    public required OwnerKind OwnerKind { get; set; }
    public required string OwnerId { get; set; }
    public required string OwnerName { get; set; }
    public DateTime From { get; set; }

    /// <summary>Null for the current owner.</summary>
    public DateTime? Until { get; set; }
}

/// <summary>A stretch in status pending (waiting on the customer), in which the SLA clock stands still.</summary>
public sealed class CasePause
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public DateTime From { get; set; }

    /// <summary>Null while the case is still pending.</summary>
    public DateTime? Until { get; set; }
}

/// <summary>
/// The last case number handed out, in a single row. Numbers are taken with one atomic UPDATE … RETURNING
/// outside the case's own transaction, so concurrent creations never wait on each other for long; a creation
/// that fails leaves a gap, which is harmless.
/// </summary>
public sealed class CaseReferenceCounter
{
    public const int SingleRowId = 1;

    public int Id { get; set; }
    public long Last { get; set; }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("Cases");
        builder.Property(c => c.Reference).HasMaxLength(32);
        builder.Property(c => c.Jurisdiction).HasMaxLength(2);
        builder.Property(c => c.Type).HasWireNameConversion(CaseTypes.ToWireName, CaseTypes.TryParse).HasMaxLength(16);
        builder.Property(c => c.Priority).HasWireNameConversion(CasePriorities.ToWireName, CasePriorities.TryParse).HasMaxLength(16);
        builder.Property(c => c.Status).HasWireNameConversion(CaseStatuses.ToWireName, CaseStatuses.TryParse).HasMaxLength(16);
        builder.Property(c => c.Channel).HasWireNameConversion(InteractionChannels.ToWireName, InteractionChannels.TryParse).HasMaxLength(16);
        builder.Property(c => c.NeedStatement).HasMaxLength(CaseLimits.NeedLength);
        builder.Property(c => c.NeedReasonNotResolved).HasMaxLength(CaseLimits.ReasonLength);
        builder.Property(c => c.RootCause).HasMaxLength(32);
        builder.Property(c => c.OwnerKind).HasWireNameConversion(OwnerKinds.ToWireName, OwnerKinds.TryParse).HasMaxLength(8);
        builder.Property(c => c.OwnerId).HasMaxLength(450);
        builder.Property(c => c.OwnerName).HasMaxLength(200);
        builder.Property(c => c.AccountableUserId).HasMaxLength(450);
        builder.Property(c => c.HandoffToKind).HasWireNameConversion(OwnerKinds.ToWireName, OwnerKinds.TryParse).HasMaxLength(8);
        builder.Property(c => c.HandoffToId).HasMaxLength(450);
        builder.Property(c => c.HandoffToName).HasMaxLength(200);
        builder.Property(c => c.HandoffRequestedById).HasMaxLength(450);
        builder.Property(c => c.HandoffRequestedByName).HasMaxLength(200);
        builder.Property(c => c.HandoffReason).HasMaxLength(CaseLimits.ReasonLength);
        builder.Property(c => c.OpenedById).HasMaxLength(450);
        builder.Property(c => c.OpenedByName).HasMaxLength(200);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(c => c.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.Reference).IsUnique();
        // The 360 view's open count and a customer's case list.
        builder.HasIndex(c => new { c.CustomerId, c.Status });
        // "My work": one owner's cases by what breaks first; and everyone's, for team leads.
        builder.HasIndex(c => new { c.OwnerId, c.NextDueAt });
        builder.HasIndex(c => c.NextDueAt);
        // The SLA watcher reads only the cases due now, from this index.
        builder.HasIndex(c => c.NextSlaAlarmAt);
        // "My work" and the team page: handoffs waiting for one person's answer. Only pending handoffs are indexed.
        builder.HasIndex(c => c.HandoffToId).HasFilter("\"HandoffToId\" IS NOT NULL");
    }
}

internal sealed class CaseQuestionConfiguration : IEntityTypeConfiguration<CaseQuestion>
{
    public void Configure(EntityTypeBuilder<CaseQuestion> builder)
    {
        builder.ToTable("CaseQuestions");
        builder.Property(q => q.Text).HasMaxLength(CaseLimits.QuestionLength);
        builder.Property(q => q.Answer).HasMaxLength(CaseLimits.AnswerLength);
        builder.Property(q => q.AnsweredById).HasMaxLength(450);
        builder.Property(q => q.AnsweredByName).HasMaxLength(200);
        builder.HasOne<Case>().WithMany().HasForeignKey(q => q.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(q => new { q.CaseId, q.Position }).IsUnique();
    }
}

internal sealed class CaseOwnerHistoryConfiguration : IEntityTypeConfiguration<CaseOwnerHistoryEntry>
{
    public void Configure(EntityTypeBuilder<CaseOwnerHistoryEntry> builder)
    {
        builder.ToTable("CaseOwnerHistory");
        builder.Property(h => h.OwnerKind).HasWireNameConversion(OwnerKinds.ToWireName, OwnerKinds.TryParse).HasMaxLength(8);
        builder.Property(h => h.OwnerId).HasMaxLength(450);
        builder.Property(h => h.OwnerName).HasMaxLength(200);
        builder.HasOne<Case>().WithMany().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.CaseId, h.Sequence }).IsUnique();
    }
}

internal sealed class CasePauseConfiguration : IEntityTypeConfiguration<CasePause>
{
    public void Configure(EntityTypeBuilder<CasePause> builder)
    {
        builder.ToTable("CasePauses");
        builder.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.CaseId, p.From });
    }
}

internal sealed class CaseReferenceCounterConfiguration : IEntityTypeConfiguration<CaseReferenceCounter>
{
    public void Configure(EntityTypeBuilder<CaseReferenceCounter> builder)
    {
        builder.ToTable("CaseReferenceCounters");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasData(new CaseReferenceCounter { Id = CaseReferenceCounter.SingleRowId, Last = 0 });
    }
}

/// <summary>Longest texts a case accepts, shared by validation and the column sizes.</summary>
public static class CaseLimits
{
    public const int NeedLength = 2000;
    public const int QuestionLength = 1000;
    public const int AnswerLength = 4000;
    public const int ReasonLength = 1000;
    public const int MaxQuestionsAtCreation = 20;
}
