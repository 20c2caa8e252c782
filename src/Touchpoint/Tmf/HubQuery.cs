using Touchpoint.Domain.Cases;
using Touchpoint.Features.Cases;

namespace Touchpoint.Tmf;

/// <summary>
/// The <c>query</c> of a hub registration: which events a listener wants, as TMF630 spells it, e.g.
/// <c>eventType=TroubleTicketResolvedEvent</c> or <c>eventType=TroubleTicketStatusChangeEvent&amp;event.troubleTicket.ticketType=complaint</c>.
/// Conditions are joined by <c>&amp;</c> (all must hold); a condition's values by <c>,</c> (any may). Attributes:
/// <c>eventType</c> and <c>event.troubleTicket.</c> <c>status</c>, <c>ticketType</c> or <c>priority</c> (the prefix may be left out).
/// No query (or an empty one) means every event.
/// </summary>
public sealed record HubQuery(IReadOnlyDictionary<string, IReadOnlySet<string>> Conditions)
{
    private const string EventType = "eventType";
    private const string Status = "status";
    private const string TicketType = "ticketType";
    private const string Priority = "priority";
    private const string TicketPrefix = "event.troubleTicket.";

    public static HubQuery All { get; } = new(new Dictionary<string, IReadOnlySet<string>>());

    public static bool TryParse(string? text, out HubQuery query, out string error)
    {
        query = All;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var conditions = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var part in text.Trim().TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? part : part[..equals]).Trim();
            var attribute = name.StartsWith(TicketPrefix, StringComparison.Ordinal) ? name[TicketPrefix.Length..] : name;
            var values = equals < 0
                ? []
                : Uri.UnescapeDataString(part[(equals + 1)..]).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (values.Length == 0)
            {
                error = $"'{part}' in query has no value; write attribute=value, e.g. {EventType}={TroubleTicketEventTypes.Resolved}.";
                return false;
            }

            var canonical = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in values)
            {
                if (Canonical(attribute, value, out var known, out error) is not { } ok)
                {
                    if (!known)
                    {
                        error = $"query cannot select on '{name}'; use {EventType}, {TicketPrefix}{Status}, {TicketPrefix}{TicketType} or {TicketPrefix}{Priority}.";
                    }

                    return false;
                }

                canonical.Add(ok);
            }

            if (conditions.TryGetValue(attribute, out var earlier))
            {
                // The same attribute twice narrows: both conditions must hold.
                canonical.IntersectWith(earlier);
            }

            conditions[attribute] = canonical;
        }

        query = new HubQuery(conditions);
        return true;
    }

    /// <summary>Whether an event of <paramref name="eventType"/> about <paramref name="case"/>, as it is now, goes to the hub.</summary>
    public bool Matches(string eventType, Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return Conditions.All(condition => condition.Value.Contains(condition.Key switch
        {
            EventType => eventType,
            Status => @case.Status.ToWireName(),
            TicketType => @case.Type.ToWireName(),
            _ => @case.Priority.ToWireName(),
        }));
    }

    /// <summary>A stored query, which was valid when it was registered.</summary>
    public static HubQuery Of(string? stored) =>
        TryParse(stored, out var query, out var error) ? query : throw new InvalidOperationException($"Stored hub query is corrupt: {error}");

    private static string? Canonical(string attribute, string value, out bool known, out string error)
    {
        known = true;
        error = "";
        switch (attribute)
        {
            case EventType:
                var type = TroubleTicketEventTypes.All.FirstOrDefault(t => string.Equals(t, value, StringComparison.OrdinalIgnoreCase));
                if (type is null)
                {
                    error = $"'{value}' is not an event Touchpoint sends; eventType is one of {string.Join(", ", TroubleTicketEventTypes.All)}.";
                }

                return type;
            case Status:
                return CaseStatuses.TryParse(value, out var status, out error) ? status.ToWireName() : null;
            case TicketType:
                return CaseTypes.TryParse(value, out var ticketType, out error) ? ticketType.ToWireName() : null;
            case Priority:
                return CasePriorities.TryParse(value, out var priority, out error) ? priority.ToWireName() : null;
            default:
                known = false;
                return null;
        }
    }
}
