using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Compensation;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Messages;
using Touchpoint.Features.Promises;

namespace Touchpoint.Features.Live;

/// <summary>
/// What a page can listen to, named after what it shows: one customer, one case, one person's inbox, one owner's work,
/// everyone's work (the team page), the outbox. A saved row names every topic whose page would show it differently.
/// </summary>
public static class LiveTopics
{
    /// <summary>Every case, promise and compensation: what a lead's team page shows.</summary>
    public const string AllWork = "work";

    public const string Outbox = "outbox";

    public static string Customer(Guid customerId) => $"customer:{customerId}";

    public static string Case(Guid caseId) => $"case:{caseId}";

    public static string Inbox(string userId) => $"inbox:{userId}";

    /// <summary>The work of one owner: a person, or a queue whose members see its cases.</summary>
    public static string WorkOf(string ownerId) => $"work:{ownerId}";

    /// <summary>Adds the topics a change to <paramref name="entry"/> touches, before and after the change.</summary>
    public static void Of(EntityEntry entry, ISet<string> topics)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(topics);
        switch (entry.Entity)
        {
            case Notification notification:
                topics.Add(Inbox(notification.UserId));
                return;
            case Case @case:
                topics.Add(Case(@case.Id));
                topics.Add(AllWork);
                AddWork(entry, nameof(Cases.Case.OwnerId), topics);
                AddWork(entry, nameof(Cases.Case.AccountableUserId), topics);
                AddWork(entry, nameof(Cases.Case.HandoffToId), topics);
                break;
            case PromiseRecord:
                topics.Add(AllWork);
                AddWork(entry, nameof(PromiseRecord.OwnerUserId), topics);
                AddWork(entry, nameof(PromiseRecord.OwnerQueueId), topics);
                break;
            case CompensationRecord:
                topics.Add(AllWork);
                break;
            case OutboundMessage:
                topics.Add(Outbox);
                break;
            case Customers.Customer changed:
                topics.Add(Customer(changed.Id));
                return;
        }

        if (entry.Metadata.FindProperty("CustomerId") is { } customer && Value(entry.Property(customer.Name)) is Guid customerId)
        {
            topics.Add(Customer(customerId));
        }

        if (entry.Metadata.FindProperty("CaseId") is { } caseProperty && Value(entry.Property(caseProperty.Name)) is Guid caseId)
        {
            topics.Add(Case(caseId));
        }
    }

    private static void AddWork(EntityEntry entry, string ownerProperty, ISet<string> topics)
    {
        var property = entry.Property(ownerProperty);
        foreach (var owner in new[] { property.CurrentValue, entry.State == EntityState.Added ? null : property.OriginalValue })
        {
            if (owner is string { Length: > 0 } id)
            {
                topics.Add(WorkOf(id));
            }
        }
    }

    private static object? Value(PropertyEntry property) => property.CurrentValue ?? property.OriginalValue;
}
