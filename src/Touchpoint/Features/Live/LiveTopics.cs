using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Compensation;
using Touchpoint.Features.Feedback;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Messages;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Queues;
using Touchpoint.Features.Telephony;

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

    /// <summary>Every queue's calls, callbacks, estimates and agents: what the lead's live board (/contact-centre) shows.</summary>
    public const string ContactCentre = "contact-centre";

    /// <summary>Every survey and its answer: what the lead's feedback page (/feedback) shows.</summary>
    public const string Feedback = "feedback";

    public static string Customer(Guid customerId) => $"customer:{customerId}";

    public static string Case(Guid caseId) => $"case:{caseId}";

    public static string Inbox(string userId) => $"inbox:{userId}";

    /// <summary>The work of one owner: a person, or a queue whose members see its cases.</summary>
    public static string WorkOf(string ownerId) => $"work:{ownerId}";

    /// <summary>Adds the topics a change to <paramref name="entry"/> touches, before and after the change.</summary>
    public static void Of(EntityEntry entry, ISet<string> topics)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Of(entry.Entity, entry.Metadata, name =>
        {
            var property = entry.Property(name);
            return (property.CurrentValue, entry.State == EntityState.Added ? null : property.OriginalValue);
        }, topics);
    }

    /// <summary>Adds the topics <paramref name="row"/>, added without the change tracker (see <c>AddRow</c>), touches.</summary>
    public static void OfAdded(IEntityType entityType, object row, ISet<string> topics)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        Of(row, entityType, name => (entityType.FindProperty(name)!.GetGetter().GetClrValue(row), null), topics);
    }

    /// <param name="values">A property's value now and, for a changed row, before the change.</param>
    private static void Of(object entity, IEntityType entityType, Func<string, (object? Current, object? Original)> values, ISet<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        switch (entity)
        {
            case Notification notification:
                topics.Add(Inbox(notification.UserId));
                return;
            case Case @case:
                topics.Add(Case(@case.Id));
                topics.Add(AllWork);
                AddWork(values(nameof(Cases.Case.OwnerId)), topics);
                AddWork(values(nameof(Cases.Case.AccountableUserId)), topics);
                AddWork(values(nameof(Cases.Case.HandoffToId)), topics);
                break;
            case PromiseRecord:
                topics.Add(AllWork);
                AddWork(values(nameof(PromiseRecord.OwnerUserId)), topics);
                AddWork(values(nameof(PromiseRecord.OwnerQueueId)), topics);
                break;
            case CompensationRecord:
                topics.Add(AllWork);
                break;
            case OutboundMessage:
                topics.Add(Outbox);
                break;
            case Survey:
                topics.Add(Feedback);
                break;
            case QueueCall or QueueAgent or QueueCallEstimate or WorkQueueMember or WorkQueue:
                topics.Add(ContactCentre);
                break;
            case Customers.Customer changed:
                topics.Add(Customer(changed.Id));
                return;
        }

        if (entityType.FindProperty("CustomerId") is { } customer && Value(values(customer.Name)) is Guid customerId)
        {
            topics.Add(Customer(customerId));
        }

        if (entityType.FindProperty("CaseId") is { } caseProperty && Value(values(caseProperty.Name)) is Guid caseId)
        {
            topics.Add(Case(caseId));
        }
    }

    private static void AddWork((object? Current, object? Original) owner, ISet<string> topics)
    {
        foreach (var value in new[] { owner.Current, owner.Original })
        {
            if (value is string { Length: > 0 } id)
            {
                topics.Add(WorkOf(id));
            }
        }
    }

    private static object? Value((object? Current, object? Original) value) => value.Current ?? value.Original;
}
