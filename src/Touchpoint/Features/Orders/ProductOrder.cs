using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Subscriptions;

namespace Touchpoint.Features.Orders;

/// <summary>
/// A composite order of one customer (TMF622 ProductOrder): several items — move, plan change, add-on, port-in,
/// port-out — accepted together and executed together (S2-1). States are stored as their TMF622 wire names. An order is only stored once it has passed every check; a refused order leaves its reason on
/// the customer's timeline instead.
/// </summary>
public sealed class ProductOrder
{
    public const int MaxTextLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }
    public required OrderState State { get; set; }

    public string? Description { get; set; }

    /// <summary>The id the ordering system (a shop, a partner) knows the order by.</summary>
    public string? ExternalId { get; set; }

    public string? Priority { get; set; }

    /// <summary>When the items are to be done; the order waits, acknowledged, until then (the watcher starts it).</summary>
    public DateTime? RequestedStartDate { get; set; }

    public DateTime? RequestedCompletionDate { get; set; }

    /// <summary>When the watcher must run the order; null once it is no longer waiting.</summary>
    public DateTime? DueAt { get; set; }

    public DateTime OrderDate { get; set; }
    public DateTime? CompletionDate { get; set; }
    public DateTime? CancellationDate { get; set; }
    public string? CancellationReason { get; set; }

    /// <summary>Why a failed order failed (nothing of it was applied).</summary>
    public string? FailureReason { get; set; }

    public required string PlacedById { get; set; }
    public required string PlacedByName { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: the watcher and a cancellation never both act on one order.</summary>
    public int Version { get; set; }

    public List<ProductOrderItem> Items { get; } = [];
}

/// <summary>
/// One change of an order. What it targets and what it brings are kept as they were asked, so the order reads the same
/// after it ran: the subscription (existing for modify/delete/noChange, the new one for an add once done), the new
/// plan and address, a port-in (number and donor operator) or a port-out (porting date and recipient), and after a
/// delete the termination date and how long the number stays portable (EU-106-2).
/// </summary>
public sealed class ProductOrderItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrderId { get; set; }

    /// <summary>The item's id within the order, as the orderer gave it ("1", "move"); relationships name it.</summary>
    public required string ItemId { get; set; }

    public int Position { get; set; }
    public required OrderItemAction Action { get; set; }
    public required OrderItemState State { get; set; }

    public Guid? SubscriptionId { get; set; }
    public Guid? PlanId { get; set; }
    public Plan? Plan { get; set; }
    public Address? ServiceAddress { get; set; }

    /// <summary>The number of a new mobile subscription (not ported).</summary>
    [PersonalData]
    public string? Msisdn { get; set; }

    public decimal? MonthlyPrice { get; set; }
    public int? BindingMonths { get; set; }
    public bool BindingConsent { get; set; }

    /// <summary>
    /// Whether what the item sells is a consumer sale, settled when the order is placed (TP-5): a new contract for a
    /// person, or a change of a contract sold to a consumer or bought by one. Decides its binding limits and withdrawal right.
    /// </summary>
    public bool SoldToConsumer { get; set; } = true;

    // Port-in: the number and where it comes from.
    [PersonalData]
    public string? PortInMsisdn { get; set; }
    public string? DonorOperator { get; set; }

    // Port-out: the agreed porting date and where the number goes.
    public bool PortOut { get; set; }
    public string? RecipientOperator { get; set; }

    /// <summary>Porting date of a port-in or port-out (EU-106-3: the number moves on the agreed date).</summary>
    public DateOnly? PortingDate { get; set; }

    // Port-out: the customer's request it was taken on (EU-106-6). The identity values presented are checked, not kept.

    /// <summary>recipientOperator or customer (PortOutRequesters).</summary>
    public string? PortingRequestedBy { get; set; }

    /// <summary>The receiving operator's porting (switch) reference.</summary>
    public string? PortingReference { get; set; }

    /// <summary>What the request was accepted on: the identity proof matched (nationalId, …) or how the customer was verified (eId, …).</summary>
    public string? PortingBasis { get; set; }

    /// <summary>Where the customer gave their own instruction (phone, store, …).</summary>
    public string? PortingChannel { get; set; }

    /// <summary>When the subscription ends (delete): the porting date, or the requested date, or the day the order ran.</summary>
    public DateOnly? TerminationDate { get; set; }

    /// <summary>EU-106-2: the number can still be ported away until this day.</summary>
    public DateOnly? PortableUntil { get; set; }

    /// <summary>What was done, in words, once the item completed (e.g. "Plan Internet Thuis → Internet Thuis 200; binding kept: none").</summary>
    public string? Outcome { get; set; }

    /// <summary>Relationships to other items of the order: "reliesOn:move;bundles:2".</summary>
    public string Relationships { get; set; } = "";

    // How the item was sold: each change is a sale of its own with its own withdrawal right (CRD-9), not only the
    // subscription's first sale. See OrderItemSales.

    /// <summary>The channel it was sold in (phone, web, store, …); null when not recorded, which counts as a distance sale.</summary>
    public string? SoldVia { get; set; }

    /// <summary>Who sold it: the member of staff who placed the order, or the seller the order names.</summary>
    public string? SoldByName { get; set; }

    /// <summary>When it was sold: the day its withdrawal period runs from (CRD-9).</summary>
    public DateTime? SoldAt { get; set; }

    /// <summary>False when the customer was not told of the withdrawal right; the period then runs 12 months longer (CRD-10).</summary>
    public bool WithdrawalInformationGiven { get; set; } = true;

    // The terms a modify replaced, kept when it changed plan, price or binding: what withdrawing the change puts back.
    // PreviousPlanId is set exactly when they were kept.

    /// <summary>A plan of the catalogue; no foreign key, so adding the column rebuilds no table on SQLite (plans are never deleted).</summary>
    public Guid? PreviousPlanId { get; set; }

    public decimal? PreviousMonthlyPrice { get; set; }
    public DateOnly? PreviousBindingEndDate { get; set; }

    /// <summary>When the change was taken back: withdrawn itself, or with an earlier change it was made on top of.</summary>
    public DateTime? WithdrawnAt { get; set; }

    /// <summary>The withdrawal (a <c>Termination</c> of kind changeWithdrawal) that took the change back.</summary>
    public Guid? WithdrawalId { get; set; }
}

/// <summary>A request to cancel an order (TMF622 CancelProductOrder), kept with its outcome.</summary>
public sealed class CancelProductOrderRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrderId { get; set; }

    /// <summary>TMF622 TaskStateType: done when the order was cancelled, terminatedWithError when it could not be.</summary>
    public required string State { get; set; }

    public string? CancellationReason { get; set; }
    public DateTime? RequestedCancellationDate { get; set; }
    public DateTime? EffectiveCancellationDate { get; set; }

    /// <summary>Why the order could not be cancelled.</summary>
    public string? Error { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string RequestedById { get; set; }
}

internal sealed class ProductOrderConfiguration : IEntityTypeConfiguration<ProductOrder>
{
    public void Configure(EntityTypeBuilder<ProductOrder> builder)
    {
        builder.ToTable("ProductOrders");
        builder.Property(o => o.State).HasWireNameConversion(OrderStates.ToWireName, OrderStates.TryParse).HasMaxLength(24);
        builder.Property(o => o.Description).HasMaxLength(ProductOrder.MaxTextLength);
        builder.Property(o => o.ExternalId).HasMaxLength(100);
        builder.Property(o => o.Priority).HasMaxLength(16);
        builder.Property(o => o.CancellationReason).HasMaxLength(ProductOrder.MaxTextLength);
        builder.Property(o => o.FailureReason).HasMaxLength(ProductOrder.MaxTextLength);
        builder.Property(o => o.PlacedById).HasMaxLength(450);
        builder.Property(o => o.PlacedByName).HasMaxLength(200);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        // A customer's orders, newest first (version 7 ids sort by creation).
        builder.HasIndex(o => new { o.CustomerId, o.Id });
        // The watcher reads only the orders due now; only waiting orders are indexed.
        builder.HasIndex(o => o.DueAt).HasFilter("\"DueAt\" IS NOT NULL");
    }
}

internal sealed class ProductOrderItemConfiguration : IEntityTypeConfiguration<ProductOrderItem>
{
    public void Configure(EntityTypeBuilder<ProductOrderItem> builder)
    {
        builder.ToTable("ProductOrderItems");
        builder.Property(i => i.ItemId).HasMaxLength(32);
        builder.Property(i => i.Action).HasWireNameConversion(OrderItemActions.ToWireName, OrderItemActions.TryParse).HasMaxLength(16);
        builder.Property(i => i.State).HasWireNameConversion(OrderItemStates.ToWireName, OrderItemStates.TryParse).HasMaxLength(24);
        builder.Property(i => i.Msisdn).HasMaxLength(20);
        builder.Property(i => i.MonthlyPrice).HasPrecision(10, 2);
        builder.Property(i => i.PortInMsisdn).HasMaxLength(20);
        builder.Property(i => i.DonorOperator).HasMaxLength(100);
        builder.Property(i => i.RecipientOperator).HasMaxLength(100);
        builder.Property(i => i.PortingRequestedBy).HasMaxLength(24);
        builder.Property(i => i.PortingReference).HasMaxLength(PortOutRules.MaxReferenceLength);
        builder.Property(i => i.PortingBasis).HasMaxLength(24);
        builder.Property(i => i.PortingChannel).HasMaxLength(16);
        builder.Property(i => i.Outcome).HasMaxLength(2000);
        builder.Property(i => i.Relationships).HasMaxLength(1000);
        builder.Property(i => i.SoldVia).HasMaxLength(16);
        builder.Property(i => i.SoldByName).HasMaxLength(200);
        // Items from before the column existed were sold with the information. The sentinel is true so that an
        // explicit false is written, not replaced by the database default.
        builder.Property(i => i.WithdrawalInformationGiven).HasDefaultValue(true).HasSentinel(true);
        builder.Property(i => i.PreviousMonthlyPrice).HasPrecision(10, 2);
        builder.Property(i => i.SoldToConsumer).HasDefaultValue(true).HasSentinel(true);
        builder.OwnsOne(i => i.ServiceAddress, address =>
        {
            address.Property(a => a.Street).HasMaxLength(200);
            address.Property(a => a.PostalCode).HasMaxLength(16);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.Country).HasMaxLength(2);
        });
        builder.HasOne(i => i.Plan).WithMany().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(i => i.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.OrderId, i.Position }).IsUnique();
        builder.HasIndex(i => i.SubscriptionId);
    }
}

internal sealed class CancelProductOrderRequestConfiguration : IEntityTypeConfiguration<CancelProductOrderRequest>
{
    public void Configure(EntityTypeBuilder<CancelProductOrderRequest> builder)
    {
        builder.ToTable("CancelProductOrders");
        builder.Property(c => c.State).HasMaxLength(24);
        builder.Property(c => c.CancellationReason).HasMaxLength(ProductOrder.MaxTextLength);
        builder.Property(c => c.Error).HasMaxLength(ProductOrder.MaxTextLength);
        builder.Property(c => c.RequestedById).HasMaxLength(450);
        builder.HasOne<ProductOrder>().WithMany().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.OrderId);
    }
}
