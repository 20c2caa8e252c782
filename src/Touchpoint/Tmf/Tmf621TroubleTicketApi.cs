// TMF621 Trouble Ticket v4 — /tmf-api/troubleTicket/v4/troubleTicket — cases, over CaseCommands.
//
//   id, href           the case id
//   name               the case reference (C-000123), what staff and customers say; read-only
//   description        the customer's need in their words. On create: description, or name when it is the only
//                      text; both given (and the description does not already say the name): "name: description"
//   ticketType         complaint, request or incident (TMF's own spelling "complain" is taken too); read-only
//   status …           the case status (TMF621's eight values, same names). statusChange[] is the history from
//                      acknowledged at creation, each with changeDate and changeReason; statusChangeDate and
//                      statusChangeReason are those of the latest. A rejected complaint's reason is followed by the
//                      dispute body the customer was told of (ADR). Create accepts only acknowledged.
//   creationDate       when the case was opened; lastUpdate the latest change, note or answer
//   expectedResolutionDate  the resolution SLA deadline while the case is open; resolutionDate when resolved
//   priority           critical, high, medium, low. severity is the same scale in TMF words: critical, major,
//                      moderate, minor. On create, priority wins; else severity (its words or priority names)
//                      chooses it; neither means medium. Read-only afterwards.
//   channel            where the customer raised it: ChannelRef id = Touchpoint's channel (phone, email, chat, store,
//                      web, letter, social, ivr, sms), name its display name; on create the id, or else the name
//                      (Telephone, E-mail, Shop, …, as in TMF683) chooses it. Required on create.
//   note               notes (@type Note: id, author, date, text) and the customer's questions (@type CustomerQuestion,
//                      @baseType Note, with answer, answerDate, answeredBy), oldest first; a rejected complaint ends with
//                      a note @type DisputeBody naming the dispute body the customer can turn to (ADR; read-only,
//                      ignored when sent back). A question must be answered
//                      before the case can be resolved; a note never blocks anything. On create and PATCH, a note
//                      without a known id is added (a CustomerQuestion as a question); a known question with an
//                      answer it does not have yet is answered. Notes are never changed or removed.
//   relatedParty       role "customer" (@referredType Customer, required on create) and role "owner": a person
//                      (@referredType Individual, href /api/users/{id}) or a team queue (@referredType Queue). On
//                      create the caller owns the case (S2-3), unless an owner of @referredType Queue names a queue;
//                      ownership moves only by an accepted handoff (/api/cases/{id}/handoff).
//   relatedEntity      the subscription (role "subscription", @referredType Product, TMF637 href; one, on create only)
//                      and the contacts linked to the case (role "contact", @referredType PartyInteraction, TMF683
//                      href, name = the contact's reason). A PartyInteraction given on create or PATCH is linked.
//   @type              "TroubleTicket"
//
// PATCH is a JSON merge patch: status (with statusChangeReason) moves the case — 409 naming the allowed statuses
// for an illegal move, or what blocks resolving — and note / relatedEntity add as above; the read-only attributes
// may be sent with their current values. It is one transaction: if any part fails, nothing changes.
// Listing filters by status and ticketType (comma-separated) and relatedParty.id (the customer's or owner's id),
// newest first, paged with offset/limit; fields selects attributes.
//
// Hub: POST /tmf-api/troubleTicket/v4/hub {callback, query?} registers a listener (admins); TroubleTicketCreateEvent,
// TroubleTicketStatusChangeEvent and TroubleTicketResolvedEvent are then POSTed to the callback from the outbox
// (see OutboxDelivery). query selects events, e.g. eventType=TroubleTicketResolvedEvent (see HubQuery).
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;
using static Touchpoint.Tmf.Tmf621TroubleTicketMapping;

namespace Touchpoint.Tmf;

/// <summary>
/// TMF621's routes, its list and its single ticket, and what create (<c>Tmf621TroubleTicketCreateApi.cs</c>) and patch
/// (<c>Tmf621TroubleTicketPatchApi.cs</c>) read alike; the hub is in <c>Tmf621TroubleTicketHubApi.cs</c>.
/// </summary>
public static partial class Tmf621TroubleTicketApi
{
    public const string HubPath = "/tmf-api/troubleTicket/v4/hub";

    public static IEndpointRouteBuilder MapTmf621TroubleTicketApi(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup(TroubleTicketPath).WithTags("TMF621 Trouble Ticket").RequireAuthorization(Policies.OwnStaff);
        tickets.MapGet("/", List).WithSummary("Cases as trouble tickets, newest first, by status, ticketType and relatedParty.id; paged (offset, limit), fields selects attributes.");
        tickets.MapGet("/{id}", Get).WithSummary("One trouble ticket; a read of personal data, audited.");
        tickets.MapPost("/", Create).WithSummary("Open a case from a TroubleTicket_Create body; the caller owns it.");
        tickets.MapPatch("/{id}", Patch).WithSummary("Merge-patch: status (with statusChangeReason), notes and questions added, contacts linked.");

        // A hub makes Touchpoint send case data to a URL: registering one is an administrator's decision.
        var hub = app.MapGroup(HubPath).WithTags("TMF621 Trouble Ticket").RequireAuthorization(Policies.Admin);
        hub.MapPost("/", RegisterHub).WithSummary("Register a listener for TroubleTicketCreateEvent, …StatusChangeEvent and …ResolvedEvent.");
        hub.MapGet("/", ListHubs).WithSummary("Registered listeners, with events waiting and the last delivery error.");
        hub.MapDelete("/{id}", UnregisterHub).WithSummary("Unregister a listener; events still waiting for it are dropped.");
        return app;
    }

    internal static async Task<Results<TmfResource<List<TmfTroubleTicket>>, ValidationProblem>> List(
        string? status, string? ticketType, [FromQuery(Name = "relatedParty.id")] string? relatedPartyId, int? offset, int? limit, string? fields,
        HttpResponse response, TouchpointDbContext db, CaseSla sla, TimeProvider clock, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryListQuery<TmfTroubleTicket>(offset, limit, fields, out var page, out var selected, out var problem))
        {
            return problem!;
        }

        var query = db.Cases.AsNoTracking();
        if (status is not null)
        {
            if (!TryParseList<CaseStatus>(status, CaseStatuses.TryParse, out var statuses, out var error))
            {
                return ProblemResults.Invalid("status", error);
            }

            query = query.Where(c => statuses.Contains(c.Status));
        }

        if (ticketType is not null)
        {
            if (!TryParseList<CaseType>(ticketType, (string? text, out CaseType type, out string error) => CaseTypes.TryParse(TicketTypeOf(text), out type, out error),
                    out var types, out var error))
            {
                return ProblemResults.Invalid("ticketType", error);
            }

            query = query.Where(c => types.Contains(c.Type));
        }

        Guid? customerId = null;
        if (!string.IsNullOrWhiteSpace(relatedPartyId))
        {
            var partyId = relatedPartyId.Trim();
            customerId = Guid.TryParse(partyId, out var parsed) ? parsed : null;
            query = customerId is { } customer
                ? query.Where(c => c.CustomerId == customer || c.OwnerId == partyId)
                : query.Where(c => c.OwnerId == partyId);
        }

        var total = await query.CountAsync(cancellationToken);
        // Case ids are version 7 UUIDs: their order is the order of opening, and the primary key's index serves it.
        var rows = await query.OrderByDescending(c => c.Id).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        if (customerId is { } audited && rows.Any(c => c.CustomerId == audited))
        {
            readAudit.Record(nameof(Customer), audited.ToString(), "TMF621 trouble tickets");
        }

        var parts = await LoadPartsAsync(db, rows, cancellationToken);
        var now = CaseTime.Now(clock);
        return TmfConventions.List(response, rows.Select(c => ToTmf(c, parts[c.Id], sla, now)).ToList(), total, selected);
    }

    internal static async Task<Results<TmfResource<TmfTroubleTicket>, ValidationProblem, NotFoundProblem>> Get(
        string id, string? fields, TouchpointDbContext db, CaseSla sla, TimeProvider clock, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryParseFields<TmfTroubleTicket>(fields, out var selected, out var problem))
        {
            return problem!;
        }

        var loaded = Guid.TryParse(id, out var caseId) ? await LoadAsync(db, caseId, cancellationToken) : null;
        if (loaded is not { } ticket)
        {
            return TmfConventions.NotFound("trouble ticket", id);
        }

        readAudit.Record(nameof(Case), caseId.ToString(), "TMF621 trouble ticket");
        return TmfConventions.One(ToTmf(ticket.Case, ticket.Parts, sla, CaseTime.Now(clock)), selected);
    }

    private sealed record RelatedEntities((int Index, Guid Id)? Subscription, List<(int Index, Guid Id)> Contacts);

    /// <summary>The subscription (a Product) and the contacts to link (PartyInteractions) of a request's relatedEntity.</summary>
    private static Outcome<RelatedEntities> ReadRelatedEntities(IReadOnlyList<TmfRelatedEntity?>? entities, bool subscriptionAllowed, Guid? current = null)
    {
        (int, Guid)? subscription = null;
        var contacts = new List<(int Index, Guid Id)>();
        for (var index = 0; index < (entities?.Count ?? 0); index++)
        {
            var entity = entities![index];
            var path = $"relatedEntity[{index}]";
            var type = entity?.ReferredType?.Trim();
            var isProduct = string.Equals(type, "Product", StringComparison.OrdinalIgnoreCase);
            if (!isProduct && !string.Equals(type, "PartyInteraction", StringComparison.OrdinalIgnoreCase))
            {
                return new Failure.Invalid($"{path}.@referredType", "A related entity is the subscription (@referredType Product) or a contact (@referredType PartyInteraction).");
            }

            if (!Guid.TryParse(entity!.Id, out var id))
            {
                return new Failure.Invalid($"{path}.id", $"'{entity.Id}' is not the id of a {(isProduct ? "subscription" : "contact")}.");
            }

            if (!isProduct)
            {
                contacts.Add((index, id));
            }
            else if (!subscriptionAllowed && id != current)
            {
                return new Failure.Invalid($"{path}.id", "The subscription a case is about is set when it is opened.");
            }
            else if (subscriptionAllowed && subscription is not null)
            {
                return new Failure.Invalid(path, "A case is about at most one subscription.");
            }
            else if (subscriptionAllowed)
            {
                subscription = (index, id);
            }
        }

        return new RelatedEntities(subscription, contacts);
    }

    private static async Task<CommandProblem?> AddNotesAndContactsAsync(
        CaseCommands commands, Guid caseId, List<(int Index, string? Text)> notes, List<(int Index, Guid Id)> contacts, CancellationToken cancellationToken)
    {
        foreach (var (index, text) in notes)
        {
            var added = await commands.AddNoteAsync(caseId, new AddCaseNoteInput(text), cancellationToken);
            if (added.Failure is { } failure)
            {
                return failure.ToResult(new FieldMap().Map("text", $"note[{index}].text"));
            }
        }

        foreach (var (index, interactionId) in contacts)
        {
            var linked = await commands.LinkContactAsync(caseId, new LinkContactInput(interactionId), cancellationToken);
            if (linked.Failure is { } failure)
            {
                return failure.ToResult(new FieldMap().Map("interactionId", $"relatedEntity[{index}].id"));
            }
        }

        return null;
    }

    private static bool IsDisputeBody(TmfNote note) => string.Equals(note.Type?.Trim(), DisputeBodyType, StringComparison.OrdinalIgnoreCase);

    private static bool IsQuestion(TmfNote note) => string.Equals(note.Type?.Trim(), QuestionType, StringComparison.OrdinalIgnoreCase);

    private delegate bool TryParser<T>(string? text, out T value, out string error);

    private static bool TryParseList<T>(string text, TryParser<T> parse, out List<T> values, out string error)
    {
        values = [];
        error = "";
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!parse(name, out var value, out error))
            {
                return false;
            }

            values.Add(value);
        }

        return true;
    }
}
