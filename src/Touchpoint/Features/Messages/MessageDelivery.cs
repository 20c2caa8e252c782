using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Messages;

/// <param name="Delivered">True when the gateway accepted the message for delivery.</param>
/// <param name="Error">Why not, in the gateway's words.</param>
public sealed record GatewayReceipt(bool Delivered, string? Error = null);

/// <summary>
/// An SMS or e-mail gateway (an operator's SMSC, an e-mail service). None ships with Touchpoint: without one,
/// messages stay in the outbox as <see cref="MessageStates.Initial"/>, shown on <c>/outbox</c>, and nothing claims
/// they were sent. Register an implementation in DI and <see cref="MessageDelivery"/> hands messages to it.
/// </summary>
public interface IMessageGateway
{
    /// <summary>True when this gateway carries messages of <paramref name="type"/> (<see cref="MessageTypes"/>).</summary>
    bool Carries(string type);

    Task<GatewayReceipt> SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Hands waiting messages to the configured gateways, oldest first, run by the <see cref="DueWatcher"/>. Each
/// message is claimed (<see cref="RowLocks"/>) so two nodes never send it twice; a failed
/// message is marked failed with the gateway's error and left for staff to see, not retried blindly.
/// </summary>
public sealed class MessageDelivery(IEnumerable<IMessageGateway> gateways) : IDueWork
{
    private readonly IMessageGateway[] gateways = [.. gateways];

    public string Name => "messages";

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (gateways.Length == 0)
        {
            return 0;
        }

        var waiting = db.OutboundMessages.Where(m => m.State == MessageStates.Initial).OrderBy(m => m.CreatedAt);
        return await db.HandleDueAsync(waiting, limit, messages => SendAsync(messages, now, cancellationToken), cancellationToken);
    }

    private async Task SendAsync(IReadOnlyList<OutboundMessage> messages, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            var gateway = gateways.FirstOrDefault(g => g.Carries(message.Type));
            if (gateway is null)
            {
                message.State = MessageStates.Failed;
                message.LastError = $"No gateway carries {message.Type} messages.";
                continue;
            }

            message.SendTime = now;
            message.TryTimes++;
            var receipt = await gateway.SendAsync(message, cancellationToken);
            message.State = receipt.Delivered ? MessageStates.Completed : MessageStates.Failed;
            message.SendTimeComplete = receipt.Delivered ? now : null;
            message.LastError = receipt.Delivered ? null : receipt.Error ?? "The gateway refused the message.";
        }
    }
}
