using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Interactions;

namespace Touchpoint.Features.Promises;

/// <summary>
/// A stored <see cref="Promise"/> (S4-2). Every rule lives in the domain record: a change is made by turning the row
/// into a <see cref="Promise"/> (<see cref="ToDomain"/>), asking it, and copying the answer back (<see cref="Apply"/>).
/// </summary>
public sealed class PromiseRecord
{
    public const int MaxDescriptionLength = 1000;
    public const int MaxCaseRefLength = 64;
    public const int MaxToldTextLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }
    public PromiseKind Kind { get; set; }
    public PromiseState State { get; set; }

    /// <summary>What the customer was told, in the words used: "callback from customer service within 20 minutes".</summary>
    public required string Description { get; set; }

    /// <summary>Who must keep it; warnings go to them, and breaches to them and their team lead.</summary>
    public required string OwnerUserId { get; set; }

    /// <summary>
    /// The team queue the promise waits in until one of its members picks it up (S2-3); null once someone has, or when
    /// it was made to a person. While it waits, <see cref="OwnerUserId"/> is the queue's lead, who answers for it.
    /// </summary>
    public string? OwnerQueueId { get; set; }

    /// <summary>Who made it, with the name as it was then, so the timeline still reads right if the user is renamed.</summary>
    public required string MadeByUserId { get; set; }

    public required string MadeByName { get; set; }
    public InteractionChannel MadeVia { get; set; }
    public DateTime MadeAt { get; set; }
    public DateTime DueAt { get; set; }
    public Guid? SubscriptionId { get; set; }
    public string? CaseRef { get; set; }
    public decimal? RefundAmount { get; set; }
    public Currency? RefundCurrency { get; set; }
    public DateTime? WarnedAt { get; set; }
    public DateTime? FulfilledAt { get; set; }

    /// <summary>The contact that kept the promise (or kept it late), when it was kept by one.</summary>
    public Guid? FulfilledByInteractionId { get; set; }

    public InteractionChannel? WithdrawalToldVia { get; set; }
    public DateTime? WithdrawalToldAt { get; set; }
    public string? WithdrawalText { get; set; }
    public string? WithdrawnByUserId { get; set; }

    /// <summary>
    /// When the watcher must next act (warning or breach) while the promise is open; null once it is final.
    /// Indexed, so the watcher reads only what is due instead of every open promise.
    /// </summary>
    public DateTime? NextAlarmAt { get; set; }

    /// <summary>
    /// Raised on every change: two writers that read the same state (an agent withdrawing while the watcher breaks)
    /// cannot both win; the second gets a concurrency failure instead of silently overwriting the first.
    /// </summary>
    public int Version { get; set; }

    public static PromiseRecord From(Promise promise, string description, string madeByName, PromiseWatch watch, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(watch);
        var record = new PromiseRecord
        {
            CustomerId = promise.CustomerId,
            Kind = promise.Kind,
            Description = description,
            OwnerUserId = promise.OwnerUserId,
            MadeByUserId = promise.MadeByUserId,
            MadeByName = madeByName,
            MadeVia = promise.MadeVia,
            MadeAt = promise.MadeAt,
            DueAt = promise.DueAt,
            SubscriptionId = promise.SubscriptionId,
            CaseRef = promise.CaseRef,
            RefundAmount = promise.RefundAmount?.Amount,
            RefundCurrency = promise.RefundAmount?.Currency,
        };
        record.Apply(promise, watch, now);
        record.Version = 0;
        return record;
    }

    public Promise ToDomain() => new()
    {
        Kind = Kind,
        CustomerId = CustomerId,
        OwnerUserId = OwnerUserId,
        MadeByUserId = MadeByUserId,
        MadeVia = MadeVia,
        MadeAt = MadeAt,
        DueAt = DueAt,
        SubscriptionId = SubscriptionId,
        CaseRef = CaseRef,
        RefundAmount = RefundAmount is { } amount && RefundCurrency is { } currency ? new Money(amount, currency) : null,
        State = State,
        WarnedAt = WarnedAt,
        FulfilledAt = FulfilledAt,
        Withdrawal = WithdrawalToldVia is { } via
            ? new PromiseWithdrawal(via, WithdrawalToldAt!.Value, WithdrawalText ?? "", WithdrawnByUserId ?? "")
            : null,
    };

    /// <summary>Copies what a domain rule changed onto the row and schedules the watcher's next look at it.</summary>
    public void Apply(Promise changed, PromiseWatch watch, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(watch);
        State = changed.State;
        WarnedAt = changed.WarnedAt;
        FulfilledAt = changed.FulfilledAt;
        WithdrawalToldVia = changed.Withdrawal?.ToldVia;
        WithdrawalToldAt = changed.Withdrawal?.ToldAt;
        WithdrawalText = changed.Withdrawal?.ToldText;
        WithdrawnByUserId = changed.Withdrawal?.WithdrawnByUserId;
        NextAlarmAt = watch.NextAlarm(changed, now)?.At;
        Version++;
    }
}

internal sealed class PromiseRecordConfiguration : IEntityTypeConfiguration<PromiseRecord>
{
    public void Configure(EntityTypeBuilder<PromiseRecord> builder)
    {
        builder.ToTable("Promises");
        builder.Property(p => p.OwnerQueueId).HasMaxLength(QueueIds.MaxLength);
        // My work lists what waits in the queues a member works from.
        builder.HasIndex(p => p.OwnerQueueId);
        builder.Property(p => p.Kind).HasWireNameConversion(PromiseKinds.ToWireName, PromiseKinds.TryParse).HasMaxLength(20);
        builder.Property(p => p.State).HasWireNameConversion(PromiseStates.ToWireName, PromiseStates.TryParse).HasMaxLength(16);
        builder.Property(p => p.MadeVia).HasWireNameConversion(InteractionChannels.ToWireName, InteractionChannels.TryParse).HasMaxLength(16);
        builder.Property(p => p.WithdrawalToldVia).HasWireNameConversion(InteractionChannels.ToWireName, InteractionChannels.TryParse).HasMaxLength(16);
        builder.Property(p => p.RefundCurrency).HasWireNameConversion(Currencies.ToWireName, Currencies.TryParse).HasMaxLength(3);
        builder.Property(p => p.RefundAmount).HasPrecision(12, 2);
        builder.Property(p => p.Description).HasMaxLength(PromiseRecord.MaxDescriptionLength);
        builder.Property(p => p.OwnerUserId).HasMaxLength(450);
        builder.Property(p => p.MadeByUserId).HasMaxLength(450);
        builder.Property(p => p.MadeByName).HasMaxLength(200);
        builder.Property(p => p.CaseRef).HasMaxLength(PromiseRecord.MaxCaseRefLength);
        builder.Property(p => p.WithdrawalText).HasMaxLength(PromiseRecord.MaxToldTextLength);
        builder.Property(p => p.WithdrawnByUserId).HasMaxLength(450);
        builder.Property(p => p.Version).IsConcurrencyToken();

        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TouchpointUser>().WithMany().HasForeignKey(p => p.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Interaction>().WithMany().HasForeignKey(p => p.FulfilledByInteractionId).OnDelete(DeleteBehavior.Restrict);

        // The watcher's scan: only open promises have an alarm, so the index holds only what may still fire.
        builder.HasIndex(p => p.NextAlarmAt).HasFilter("\"NextAlarmAt\" IS NOT NULL");
        // "My work": an owner's open promises, what breaks first at the top.
        builder.HasIndex(p => new { p.OwnerUserId, p.State, p.DueAt });
        // A customer's promises, and the open ones an act may keep.
        builder.HasIndex(p => new { p.CustomerId, p.State, p.DueAt });
    }
}
