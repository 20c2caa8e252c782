using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Promises;

namespace Touchpoint.Features.Compensation;

/// <summary>Where a compensation stands.</summary>
public enum CompensationStatus
{
    /// <summary>Within the requester's mandate: given at once (S3-3).</summary>
    Granted,

    /// <summary>Above it: waiting for someone whose mandate covers it; the customer has a promise of an answer.</summary>
    PendingApproval,

    Approved,
    Refused,
}

public static class CompensationStatuses
{
    private static readonly (CompensationStatus Value, string Name)[] Table =
    [
        (CompensationStatus.Granted, "granted"),
        (CompensationStatus.PendingApproval, "pendingApproval"),
        (CompensationStatus.Approved, "approved"),
        (CompensationStatus.Refused, "refused"),
    ];

    public static IReadOnlyList<string> WireNames { get; } = [.. Table.Select(t => t.Name)];

    public static string ToWireName(this CompensationStatus status) =>
        Table.Where(t => t.Value == status).Select(t => t.Name).FirstOrDefault()
        ?? throw new ArgumentOutOfRangeException(nameof(status), status, "Not a defined compensation status.");

    /// <summary>Case-insensitive and trimmed, like every other wire name.</summary>
    public static bool TryParse(string? text, out CompensationStatus value, out string error)
    {
        foreach (var (candidate, name) in Table)
        {
            if (string.Equals(name, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                error = "";
                return true;
            }
        }

        value = default;
        error = string.IsNullOrWhiteSpace(text)
            ? $"A compensation status is required; allowed values: {string.Join(", ", WireNames)}."
            : $"'{text}' is not a valid compensation status; allowed values: {string.Join(", ", WireNames)}.";
        return false;
    }
}

/// <summary>
/// A compensation given or asked for (S3-3). The rules — the proposal, the mandates, who may approve — are the
/// domain's (<see cref="CompensationPolicy"/>, <see cref="CompensationMandates"/>); this row records what they decided.
/// </summary>
public sealed class CompensationRecord
{
    public const int MaxReasonLength = 1000;
    public const int MaxSummaryLength = 2000;
    public const int MaxNoteLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }

    /// <summary>The case it settles, when there is one.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>
    /// In major units (kronor, euros). Stored as whole minor units (öre, cents): exact, and comparable in SQL on
    /// SQLite too, which cannot compare decimals — the approvers' list filters on it.
    /// </summary>
    public decimal Amount { get; set; }

    public Currency Currency { get; set; }

    /// <summary>What it is for, as the customer reads it on their timeline.</summary>
    public required string Reason { get; set; }

    /// <summary>What went wrong and the policy's proposal for it, when the harms were given; empty otherwise.</summary>
    public string Summary { get; set; } = "";

    /// <summary>
    /// The policy's proposal for the harms given with the request, in <see cref="Currency"/>; null when none were given
    /// (a goodwill gesture) and for compensations recorded before proposals were kept.
    /// </summary>
    public decimal? ProposedAmount { get; set; }

    /// <summary>Why the customer gets less than <see cref="ProposedAmount"/>; set exactly when they do. Approver and customer read it.</summary>
    public string? BelowProposalReason { get; set; }

    public required string RequestedByUserId { get; set; }

    /// <summary>The name as it was then, so the history still reads right if the user is renamed.</summary>
    public required string RequestedByName { get; set; }

    public DateTime RequestedAt { get; set; }
    public CompensationStatus Status { get; set; }

    /// <summary>The lowest role whose mandate covers the amount, when approval is needed.</summary>
    public string? ApproverRole { get; set; }

    /// <summary>Who was asked to approve (the requester's team lead, or the next one up whose mandate covers it).</summary>
    public string? ApprovalRequestedOfUserId { get; set; }

    /// <summary>When approval is needed: by when the customer was promised an answer.</summary>
    public DateTime? AnswerDueAt { get; set; }

    /// <summary>The written-reply promise the customer got while approval is pending.</summary>
    public Guid? AnswerPromiseId { get; set; }

    /// <summary>The requester for a grant within their mandate; the approver for an approval or refusal.</summary>
    public string? DecidedByUserId { get; set; }

    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }

    /// <summary>Two approvers deciding at once: the second gets a conflict instead of overwriting the first.</summary>
    public int Version { get; set; }

    public Money Money => new(Amount, Currency);

    public Money? Proposal => ProposedAmount is { } proposed ? new Money(proposed, Currency) : null;

    public bool IsBelowProposal => ProposedAmount is { } proposed && proposed > Amount;

    /// <summary>The request this row records, as the domain's mandates decide on it.</summary>
    public CompensationRequest AsRequest(Jurisdiction customerJurisdiction) =>
        new(CustomerId, customerJurisdiction, Money, Reason, RequestedByUserId, RequestedAt)
        {
            Proposal = Proposal,
            BelowProposalReason = BelowProposalReason,
        };
}

internal sealed class CompensationRecordConfiguration : IEntityTypeConfiguration<CompensationRecord>
{
    // Every supported currency has two decimals (see Money).
    private static readonly ValueConverter<decimal, long> AmountInMinorUnits = new(a => (long)(a * 100m), m => m / 100m);

    public void Configure(EntityTypeBuilder<CompensationRecord> builder)
    {
        builder.ToTable("Compensations");
        builder.Ignore(c => c.Money);
        builder.Ignore(c => c.Proposal);
        builder.Ignore(c => c.IsBelowProposal);
        builder.Property(c => c.Amount).HasConversion(AmountInMinorUnits).HasColumnName("AmountInMinorUnits");
        builder.Property(c => c.ProposedAmount).HasConversion(AmountInMinorUnits).HasColumnName("ProposedAmountInMinorUnits");
        builder.Property(c => c.BelowProposalReason).HasMaxLength(CompensationRecord.MaxReasonLength);
        builder.Property(c => c.Currency).HasWireNameConversion(Currencies.ToWireName, Currencies.TryParse).HasMaxLength(3);
        builder.Property(c => c.Status).HasWireNameConversion(CompensationStatuses.ToWireName, CompensationStatuses.TryParse).HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(CompensationRecord.MaxReasonLength);
        builder.Property(c => c.Summary).HasMaxLength(CompensationRecord.MaxSummaryLength);
        builder.Property(c => c.RequestedByUserId).HasMaxLength(450);
        builder.Property(c => c.RequestedByName).HasMaxLength(200);
        builder.Property(c => c.ApproverRole).HasMaxLength(64);
        builder.Property(c => c.ApprovalRequestedOfUserId).HasMaxLength(450);
        builder.Property(c => c.DecidedByUserId).HasMaxLength(450);
        builder.Property(c => c.DecidedByName).HasMaxLength(200);
        builder.Property(c => c.DecisionNote).HasMaxLength(CompensationRecord.MaxNoteLength);
        builder.Property(c => c.Version).IsConcurrencyToken();

        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PromiseRecord>().WithMany().HasForeignKey(c => c.AnswerPromiseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TouchpointUser>().WithMany().HasForeignKey(c => c.RequestedByUserId).OnDelete(DeleteBehavior.Restrict);

        // Approvers' work: what is pending, oldest first.
        builder.HasIndex(c => new { c.Status, c.RequestedAt });
        // A customer's compensations, newest first.
        builder.HasIndex(c => new { c.CustomerId, c.RequestedAt });
    }
}
