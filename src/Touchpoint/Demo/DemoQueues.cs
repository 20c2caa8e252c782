using Touchpoint.Data;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Queues;

namespace Touchpoint.Demo;

/// <summary>
/// The team queues of the demo operator, all led by the demo team lead with the demo agent working from them. The
/// store clerk works from none: what they promise for customer service waits in its queue for an agent (S4-2).
/// </summary>
public static class DemoQueues
{
    public const string CustomerService = "customer-service";

    public static IReadOnlyList<(string Id, string Name)> All { get; } =
    [
        (CustomerService, "Customer service"),
        ("email", "E-mail"),
        ("billing", "Billing"),
        ("network-faults", "Network faults"),
        ("field-service", "Field service"),
    ];

    public static void Add(TouchpointDbContext db, TouchpointUser lead, TouchpointUser agent, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(agent);
        foreach (var (id, name) in All)
        {
            var queue = new WorkQueue { Id = id, Name = name, LeadUserId = lead.Id, CreatedAt = now };
            queue.Members.Add(new WorkQueueMember { QueueId = id, UserId = agent.Id });
            db.WorkQueues.Add(queue);
        }
    }
}
