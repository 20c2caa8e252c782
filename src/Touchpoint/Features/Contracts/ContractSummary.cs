using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Subscriptions;

namespace Touchpoint.Features.Contracts;

/// <summary>
/// EU-102: the one-page contract summary a customer gets for every new or changed contract, as it was issued: the
/// price, binding, notice, withdrawal right and how to cancel, with the version of the rules that decided them.
/// Never changed afterwards; a later change issues a new one.
/// </summary>
public sealed class ContractSummary
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SubscriptionId { get; set; }
    public Guid CustomerId { get; set; }
    public DateTime IssuedAt { get; set; }

    /// <summary>Why it was issued: "new contract", "plan change", "terms change", …</summary>
    public required string Reason { get; set; }

    public required string IssuedBy { get; set; }
    public required string RulesVersion { get; set; }
    public required string Jurisdiction { get; set; }
    public required string PlanName { get; set; }
    public decimal MonthlyPrice { get; set; }
    public required string Currency { get; set; }
    public DateOnly StartDate { get; set; }
    public int BindingMonths { get; set; }
    public DateOnly? BindingEnd { get; set; }
    public required string BindingText { get; set; }

    /// <summary>The notice in whole months, 0 when it is counted in days or weeks (FI-1); <see cref="Notice"/> says which.</summary>
    public int NoticeMonths { get; set; }

    /// <summary>The notice as an ISO 8601 period: P1M, or P2W in Finland (FI-1).</summary>
    public required string Notice { get; set; }

    public required string NoticeText { get; set; }
    public DateOnly? WithdrawalOpenUntil { get; set; }
    public required string WithdrawalText { get; set; }
    public required string HowToCancel { get; set; }

    /// <summary>The rule ids behind the summary, comma-separated in the order the rules gave them.</summary>
    public required string RuleIds { get; set; }
}

internal sealed class ContractSummaryConfiguration : IEntityTypeConfiguration<ContractSummary>
{
    public void Configure(EntityTypeBuilder<ContractSummary> builder)
    {
        builder.ToTable("ContractSummaries");
        builder.Property(s => s.Reason).HasMaxLength(200);
        builder.Property(s => s.IssuedBy).HasMaxLength(200);
        builder.Property(s => s.RulesVersion).HasMaxLength(200);
        builder.Property(s => s.Jurisdiction).HasMaxLength(2);
        builder.Property(s => s.PlanName).HasMaxLength(200);
        builder.Property(s => s.MonthlyPrice).HasPrecision(10, 2);
        builder.Property(s => s.Currency).HasMaxLength(3);
        builder.Property(s => s.BindingText).HasMaxLength(500);
        builder.Property(s => s.Notice).HasMaxLength(16);
        builder.Property(s => s.NoticeText).HasMaxLength(500);
        builder.Property(s => s.WithdrawalText).HasMaxLength(500);
        builder.Property(s => s.HowToCancel).HasMaxLength(1000);
        builder.Property(s => s.RuleIds).HasMaxLength(300);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(s => s.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);

        // The latest summary of a subscription is the one its page prints.
        builder.HasIndex(s => new { s.SubscriptionId, s.IssuedAt });
        builder.HasIndex(s => s.CustomerId);
    }
}
