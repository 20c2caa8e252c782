using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Cases;

namespace Touchpoint.Tmf;

/// <summary>A TMF621 TroubleTicket as Touchpoint serves it: a case (see Tmf621TroubleTicketApi for the mapping).</summary>
public sealed record TmfTroubleTicket
{
    public required string Id { get; init; }
    public required string Href { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? TicketType { get; init; }
    public string? Status { get; init; }
    public string? StatusChangeDate { get; init; }
    public string? StatusChangeReason { get; init; }
    public IReadOnlyList<TmfStatusChange>? StatusChange { get; init; }
    public string? CreationDate { get; init; }
    public string? LastUpdate { get; init; }
    public string? ExpectedResolutionDate { get; init; }
    public string? ResolutionDate { get; init; }
    public string? Priority { get; init; }
    public string? Severity { get; init; }
    public TmfChannelRef? Channel { get; init; }
    public IReadOnlyList<TmfNote>? Note { get; init; }
    public IReadOnlyList<TmfRelatedParty>? RelatedParty { get; init; }
    public IReadOnlyList<TmfRelatedEntity>? RelatedEntity { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "TroubleTicket";
}

public sealed record TmfStatusChange
{
    public string? Status { get; init; }
    public string? ChangeDate { get; init; }
    public string? ChangeReason { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "StatusChange";
}

/// <summary>
/// A TMF Note; also how a customer's question travels, as the subtype <c>CustomerQuestion</c> with its answer.
/// In a request, only id, text, @type and (for a question) answer are read.
/// </summary>
public sealed record TmfNote
{
    public string? Id { get; init; }
    public string? Author { get; init; }
    public string? Date { get; init; }
    public string? Text { get; init; }
    public string? Answer { get; init; }
    public string? AnswerDate { get; init; }
    public string? AnsweredBy { get; init; }

    [JsonPropertyName("@baseType")]
    public string? BaseType { get; init; }

    [JsonPropertyName("@type")]
    public string? Type { get; init; }
}

public sealed record TmfChannelRef
{
    public string? Id { get; init; }
    public string? Href { get; init; }
    public string? Name { get; init; }

    [JsonPropertyName("@referredType")]
    public string? ReferredType { get; init; }
}

public sealed record TmfRelatedEntity
{
    public string? Id { get; init; }
    public string? Href { get; init; }
    public string? Name { get; init; }
    public string? Role { get; init; }

    [JsonPropertyName("@referredType")]
    public string? ReferredType { get; init; }
}

/// <summary>TroubleTicket_Create, and the merge patch of TroubleTicket_Update.</summary>
public sealed record TmfTroubleTicketInput
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? TicketType { get; init; }
    public string? Status { get; init; }
    public string? StatusChangeReason { get; init; }
    public string? Priority { get; init; }
    public string? Severity { get; init; }
    public TmfChannelRef? Channel { get; init; }
    public IReadOnlyList<TmfNote?>? Note { get; init; }
    public IReadOnlyList<TmfRelatedParty?>? RelatedParty { get; init; }
    public IReadOnlyList<TmfRelatedEntity?>? RelatedEntity { get; init; }
}

/// <summary>A ticket's status from a given date, and why it changed to it.</summary>
public sealed record TroubleTicketStatus(CaseStatus Status, DateTime At, string? Reason);

/// <summary>A contact linked to a case, as much of it as the ticket shows.</summary>
public sealed record LinkedContact(Guid Id, string Reason, DateTime OccurredAt);

/// <summary>What a ticket is made of besides the case row.</summary>
public sealed record TroubleTicketParts(
    IReadOnlyList<CaseStatusChange> StatusChanges, IReadOnlyList<CaseNote> Notes, IReadOnlyList<CaseQuestion> Questions,
    IReadOnlyList<CasePause> Pauses, IReadOnlyList<LinkedContact> Contacts);

/// <summary>Reads cases as TMF621 TroubleTickets, and TMF621 words (severity, ticketType) as Touchpoint's.</summary>
public static class Tmf621TroubleTicketMapping
{
    public const string TroubleTicketPath = "/tmf-api/troubleTicket/v4/troubleTicket";
    public const string CustomerRole = "customer";
    public const string OwnerRole = "owner";
    public const string SubscriptionRole = "subscription";
    public const string ContactRole = "contact";
    public const string NoteType = "Note";
    public const string QuestionType = "CustomerQuestion";

    /// <summary>The note of a rejected complaint naming the dispute body the customer can turn to (ADR); Touchpoint's own, read-only.</summary>
    public const string DisputeBodyType = "DisputeBody";
    public const string QueueType = "Queue";

    /// <summary>TMF severity (how badly something is broken) for each priority; the way back also takes the priority names.</summary>
    private static readonly (CasePriority Priority, string Severity)[] Severities =
    [
        (CasePriority.Critical, "critical"),
        (CasePriority.High, "major"),
        (CasePriority.Medium, "moderate"),
        (CasePriority.Low, "minor"),
    ];

    public static string SeverityOf(CasePriority priority) => Severities.First(s => s.Priority == priority).Severity;

    public static IReadOnlyList<string> SeverityNames { get; } = [.. Severities.Select(s => s.Severity)];

    /// <summary>A TMF severity (critical, major, moderate, minor) or a priority name, as a priority.</summary>
    public static bool TryParseSeverity(string? text, out CasePriority priority)
    {
        var trimmed = text?.Trim() ?? "";
        foreach (var (value, severity) in Severities)
        {
            if (string.Equals(severity, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                priority = value;
                return true;
            }
        }

        return CasePriorities.TryParse(trimmed, out priority, out _);
    }

    /// <summary>TMF621's own example spells a complaint "complain"; both are taken.</summary>
    public static string? TicketTypeOf(string? text) =>
        string.Equals(text?.Trim(), "complain", StringComparison.OrdinalIgnoreCase) ? CaseType.Complaint.ToWireName() : text;

    public static async Task<(Case Case, TroubleTicketParts Parts)?> LoadAsync(TouchpointDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var @case = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return null;
        }

        var parts = await LoadPartsAsync(db, [@case], cancellationToken);
        return (@case, parts[@case.Id]);
    }

    /// <summary>The parts of several stored cases, a query per kind of part.</summary>
    public static async Task<Dictionary<Guid, TroubleTicketParts>> LoadPartsAsync(TouchpointDbContext db, IReadOnlyList<Case> cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cases);
        var ids = cases.Select(c => c.Id).ToList();
        var customers = cases.Select(c => c.CustomerId).Distinct().ToList();
        var references = cases.Select(c => c.Reference).ToList();
        var statusChanges = (await db.CaseStatusChanges.AsNoTracking().Where(s => ids.Contains(s.CaseId)).ToListAsync(cancellationToken)).ToLookup(s => s.CaseId);
        var notes = (await db.CaseNotes.AsNoTracking().Where(n => ids.Contains(n.CaseId)).ToListAsync(cancellationToken)).ToLookup(n => n.CaseId);
        var questions = (await db.CaseQuestions.AsNoTracking().Where(q => ids.Contains(q.CaseId)).ToListAsync(cancellationToken)).ToLookup(q => q.CaseId);
        var pauses = (await db.CasePauses.AsNoTracking().Where(p => ids.Contains(p.CaseId)).ToListAsync(cancellationToken)).ToLookup(p => p.CaseId);
        // Through the customer's index, as the case page reads them.
        var contacts = (await db.Interactions.AsNoTracking()
                .Where(i => customers.Contains(i.CustomerId) && i.CaseRef != null && references.Contains(i.CaseRef))
                .Select(i => new { i.CaseRef, Contact = new LinkedContact(i.Id, i.Reason, i.OccurredAt) })
                .ToListAsync(cancellationToken))
            .ToLookup(i => i.CaseRef!, i => i.Contact);
        return cases.ToDictionary(c => c.Id, c => new TroubleTicketParts(
            [.. statusChanges[c.Id]], [.. notes[c.Id]], [.. questions[c.Id]], [.. pauses[c.Id]], [.. contacts[c.Reference]]));
    }

    /// <summary>
    /// A ticket's statuses, oldest first; the last is the one it shows. A rejection's reason names where the customer
    /// can turn next (ADR), as the customer was told. A case opened before the history was kept shows the status it
    /// has, since its last update.
    /// </summary>
    public static IReadOnlyList<TroubleTicketStatus> StatusHistory(Case @case, IEnumerable<CaseStatusChange> statusChanges)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(statusChanges);
        var disputeBody = CaseViews.DisputeBodyFor(@case);
        var history = statusChanges.OrderBy(s => s.At).ThenBy(s => s.Id)
            .Select(s => new TroubleTicketStatus(s.Status, s.At, s.Status == CaseStatus.Rejected ? CaseRejection.ReasonWithDisputeBody(s.Reason, disputeBody) : s.Reason))
            .ToList();
        return history.Count > 0 ? history : [new TroubleTicketStatus(@case.Status, @case.LastUpdateAt ?? @case.OpenedAt, null)];
    }

    public static TmfTroubleTicket ToTmf(Case @case, TroubleTicketParts parts, CaseSla sla, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(sla);
        var id = @case.Id.ToString();
        var status = @case.Status;
        var statusChanges = StatusHistory(@case, parts.StatusChanges);
        var latest = statusChanges[^1];
        var disputeBody = CaseViews.DisputeBodyFor(@case);
        var lastUpdate = new[] { @case.OpenedAt, @case.LastUpdateAt ?? @case.OpenedAt, latest.At }
            .Concat(parts.Notes.Select(n => n.At))
            .Concat(parts.Questions.Select(q => q.AnsweredAt ?? q.AskedAt))
            .Max();
        var notes = parts.Notes.Select(n => (n.At, n.Id, Note: new TmfNote
            {
                Id = n.Id.ToString(), Author = n.AuthorName, Date = TmfConventions.Timestamp(n.At), Text = n.Text, Type = NoteType,
            }))
            .Concat(parts.Questions.Select(q => (At: q.AskedAt, q.Id, Note: new TmfNote
            {
                Id = q.Id.ToString(),
                Date = TmfConventions.Timestamp(q.AskedAt),
                Text = q.Text,
                Answer = q.Answer,
                AnswerDate = q.AnsweredAt is { } answered ? TmfConventions.Timestamp(answered) : null,
                AnsweredBy = q.AnsweredByName,
                BaseType = NoteType,
                Type = QuestionType,
            })))
            .OrderBy(n => n.At).ThenBy(n => n.Id)
            .Select(n => n.Note)
            .ToList();
        if (disputeBody is not null)
        {
            var rejection = parts.StatusChanges.OrderBy(s => s.At).ThenBy(s => s.Id).LastOrDefault(h => h.Status == CaseStatus.Rejected);
            notes.Add(new TmfNote
            {
                Id = $"{id}-{DisputeBodyType}",
                Author = rejection?.ChangedByName,
                Date = TmfConventions.Timestamp(rejection?.At ?? @case.ClosedAt ?? @case.LastUpdateAt ?? @case.OpenedAt),
                Text = $"{CaseRejection.DisputeBodyText(disputeBody)} {disputeBody.Website}",
                BaseType = NoteType,
                Type = DisputeBodyType,
            });
        }

        var owner = CaseWire.Owner(@case);

        return new TmfTroubleTicket
        {
            Id = id,
            Href = $"{TroubleTicketPath}/{id}",
            Name = @case.Reference,
            Description = @case.NeedStatement,
            TicketType = @case.Type.ToWireName(),
            Status = @case.Status.ToWireName(),
            StatusChangeDate = TmfConventions.Timestamp(latest.At),
            StatusChangeReason = latest.Reason,
            StatusChange = [.. statusChanges.Select(s => new TmfStatusChange { Status = s.Status.ToWireName(), ChangeDate = TmfConventions.Timestamp(s.At), ChangeReason = s.Reason })],
            CreationDate = TmfConventions.Timestamp(@case.OpenedAt),
            LastUpdate = TmfConventions.Timestamp(lastUpdate),
            ExpectedResolutionDate = CaseLifecycle.IsOpen(status)
                ? TmfConventions.Timestamp(sla.Read(@case, parts.Pauses, now)[SlaTarget.Resolution].DueAt.UtcDateTime)
                : null,
            ResolutionDate = @case.ResolvedAt is { } resolved ? TmfConventions.Timestamp(resolved) : null,
            Priority = @case.Priority.ToWireName(),
            Severity = SeverityOf(@case.Priority),
            Channel = new TmfChannelRef
            {
                Id = @case.Channel.ToWireName(),
                Href = $"{TmfConventions.ChannelPath}/{@case.Channel.ToWireName()}",
                Name = @case.Channel.DisplayName(),
                ReferredType = "Channel",
            },
            Note = notes.Count == 0 ? null : notes,
            RelatedParty =
            [
                new TmfRelatedParty
                {
                    Id = @case.CustomerId.ToString(),
                    Href = $"{TmfConventions.CustomerPath}/{@case.CustomerId}",
                    Role = CustomerRole,
                    ReferredType = "Customer",
                },
                owner.Kind == OwnerKind.User
                    ? new TmfRelatedParty
                    {
                        Id = owner.Id, Href = $"{TmfConventions.UserPath}/{Uri.EscapeDataString(owner.Id)}", Name = owner.Name, Role = OwnerRole, ReferredType = "Individual",
                    }
                    : new TmfRelatedParty { Id = owner.Id, Name = owner.Name, Role = OwnerRole, ReferredType = QueueType },
            ],
            RelatedEntity = RelatedEntities(@case, parts.Contacts),
        };
    }

    private static List<TmfRelatedEntity>? RelatedEntities(Case @case, IReadOnlyList<LinkedContact> contacts)
    {
        var entities = new List<TmfRelatedEntity>();
        if (@case.SubscriptionId is { } subscriptionId)
        {
            entities.Add(new TmfRelatedEntity
            {
                Id = subscriptionId.ToString(), Href = $"{TmfConventions.ProductPath}/{subscriptionId}", Role = SubscriptionRole, ReferredType = "Product",
            });
        }

        entities.AddRange(contacts.OrderBy(c => c.OccurredAt).ThenBy(c => c.Id).Select(c => new TmfRelatedEntity
        {
            Id = c.Id.ToString(), Href = $"{TmfConventions.PartyInteractionPath}/{c.Id}", Name = c.Reason, Role = ContactRole, ReferredType = "PartyInteraction",
        }));
        return entities.Count == 0 ? null : entities;
    }
}
