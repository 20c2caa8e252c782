using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Tmf;

/// <summary>EventSubscription; the delivery state is Touchpoint's, shown to admins in the list.</summary>
public sealed record TmfEventSubscription
{
    public required string Id { get; init; }
    public required string Callback { get; init; }
    public string? Query { get; init; }
    public int? PendingEvents { get; init; }
    public int? ConsecutiveFailures { get; init; }
    public string? LastDeliveredAt { get; init; }
    public string? LastError { get; init; }
}

public sealed record TmfEventSubscriptionInput(string? Callback, string? Query);

/// <summary>TMF621's hub: listeners registered by an admin, to which case events are POSTed (see <see cref="OutboxDelivery"/>).</summary>
public static partial class Tmf621TroubleTicketApi
{
    internal static async Task<Results<TmfCreated<TmfEventSubscription>, ValidationProblem>> RegisterHub(
        TmfEventSubscriptionInput input, TouchpointDbContext db, CurrentActor currentActor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var callback = input.Callback?.Trim();
        if (string.IsNullOrEmpty(callback) || callback.Length > TroubleTicketHub.CallbackLength
            || !Uri.TryCreate(callback, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return ProblemResults.Invalid("callback",
                $"callback is required: the absolute http or https URL events are POSTed to (at most {TroubleTicketHub.CallbackLength} characters).");
        }

        var query = string.IsNullOrWhiteSpace(input.Query) ? null : input.Query.Trim();
        if (query?.Length > TroubleTicketHub.QueryLength)
        {
            return ProblemResults.Invalid("query", $"query is at most {TroubleTicketHub.QueryLength} characters.");
        }

        if (!HubQuery.TryParse(query, out _, out var queryError))
        {
            return ProblemResults.Invalid("query", queryError);
        }

        var hub = new TroubleTicketHub
        {
            Callback = callback, Query = query, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedByName = currentActor.Get().DisplayName,
        };
        db.TroubleTicketHubs.Add(hub);
        await db.SaveChangesAsync(cancellationToken);
        return TmfConventions.Created($"{HubPath}/{hub.Id}", new TmfEventSubscription { Id = hub.Id.ToString(), Callback = hub.Callback, Query = hub.Query });
    }

    internal static async Task<TmfResource<List<TmfEventSubscription>>> ListHubs(HttpResponse response, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var hubs = await db.TroubleTicketHubs.AsNoTracking().OrderBy(h => h.CreatedAt).ToListAsync(cancellationToken);
        var pending = await db.TroubleTicketEventDeliveries.AsNoTracking().Where(d => d.DeliveredAt == null)
            .GroupBy(d => d.HubId).Select(g => new { HubId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.HubId, g => g.Count, cancellationToken);
        var items = hubs.Select(h => new TmfEventSubscription
        {
            Id = h.Id.ToString(),
            Callback = h.Callback,
            Query = h.Query,
            PendingEvents = pending.GetValueOrDefault(h.Id),
            ConsecutiveFailures = h.ConsecutiveFailures,
            LastDeliveredAt = h.LastDeliveredAt is { } at ? TmfConventions.Timestamp(at) : null,
            LastError = h.LastError,
        }).ToList();
        return TmfConventions.List(response, items, items.Count, null);
    }

    internal static async Task<Results<NoContent, NotFoundProblem>> UnregisterHub(string id, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var hub = Guid.TryParse(id, out var hubId) ? await db.TroubleTicketHubs.FirstOrDefaultAsync(h => h.Id == hubId, cancellationToken) : null;
        if (hub is null)
        {
            return TmfConventions.NotFound("hub", id);
        }

        db.TroubleTicketHubs.Remove(hub);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
