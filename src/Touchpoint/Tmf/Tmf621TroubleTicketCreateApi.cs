using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Cases;
using Touchpoint.Hosting;
using static Touchpoint.Tmf.Tmf621TroubleTicketMapping;

namespace Touchpoint.Tmf;

/// <summary>TMF621's create: a TroubleTicket_Create body opens a case, with its notes and contacts, all or nothing.</summary>
public static partial class Tmf621TroubleTicketApi
{
    internal static async Task<Results<TmfCreated<TmfTroubleTicket>, ValidationProblem, CommandProblem>> Create(
        TmfTroubleTicketInput input, CaseCommands commands, CurrentActor currentActor,
        TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken)
    {
        var map = new FieldMap()
            .Map("type", "ticketType")
            .Map("need", input.Description is null && input.Name is not null ? "name" : "description")
            .Map("channel", "channel")
            .Map("customerId", "relatedParty")
            .Map("queue", "relatedParty")
            .Map("subscriptionId", "relatedEntity")
            .Map("questions", "note");

        if (input.Status is { } status && !(CaseStatuses.TryParse(status, out var parsedStatus, out _) && parsedStatus == CaseStatus.Acknowledged))
        {
            return ProblemResults.Invalid("status", $"A new trouble ticket is {CaseStatus.Acknowledged.ToWireName()}; move it with PATCH afterwards.");
        }

        var priority = input.Priority;
        if (priority is null && input.Severity is { } severity)
        {
            if (!TryParseSeverity(severity, out var fromSeverity))
            {
                return ProblemResults.Invalid("severity", $"'{severity}' is not a severity; use {string.Join(", ", SeverityNames)}.");
            }

            priority = fromSeverity.ToWireName();
            map.Map("priority", "severity");
        }

        string? channel = null;
        if (input.Channel is { } channelRef)
        {
            channel = Tmf683PartyInteractionApi.ChannelOf(channelRef.Id, channelRef.Name);
            map.Map("channel", channelRef.Id is not null ? "channel.id" : "channel.name");
        }

        Guid? customerId = null;
        string? queue = null;
        var callerId = currentActor.Get().UserId;
        for (var index = 0; index < (input.RelatedParty?.Count ?? 0); index++)
        {
            var party = input.RelatedParty![index];
            var path = $"relatedParty[{index}]";
            switch (party?.Role?.Trim())
            {
                case var role when string.Equals(role, CustomerRole, StringComparison.OrdinalIgnoreCase):
                    if (customerId is not null)
                    {
                        return ProblemResults.Invalid(path, "A trouble ticket is about one customer; give one relatedParty with role customer.");
                    }

                    if (!Guid.TryParse(party!.Id, out var id))
                    {
                        return ProblemResults.Invalid($"{path}.id", $"'{party.Id}' is not a customer id.");
                    }

                    customerId = id;
                    map.Map("customerId", $"{path}.id");
                    break;
                case var role when string.Equals(role, OwnerRole, StringComparison.OrdinalIgnoreCase):
                    if (string.Equals(party!.ReferredType?.Trim(), QueueType, StringComparison.OrdinalIgnoreCase))
                    {
                        queue = party.Id ?? party.Name ?? "";
                        map.Map("queue", party.Id is not null ? $"{path}.id" : $"{path}.name");
                    }
                    else if (party.Id != callerId)
                    {
                        return ProblemResults.Invalid($"{path}.id",
                            "Whoever opens a case owns it (or a queue, @referredType Queue); another person takes it over by accepting a handoff.");
                    }

                    break;
                default:
                    return ProblemResults.Invalid($"{path}.role", $"A related party is the {CustomerRole} or the {OwnerRole}.");
            }
        }

        var read = ReadRelatedEntities(input.RelatedEntity, subscriptionAllowed: true);
        if (read.Failure is { } entityFailure)
        {
            return entityFailure.ToResult();
        }

        var (subscription, contacts) = read.Value!;
        if (subscription is { } product)
        {
            map.Map("subscriptionId", $"relatedEntity[{product.Index}].id");
        }

        var questions = new List<string?>();
        var notes = new List<(int Index, string? Text)>();
        for (var index = 0; index < (input.Note?.Count ?? 0); index++)
        {
            if (input.Note![index] is not { } note)
            {
                return ProblemResults.Invalid($"note[{index}]", "A note needs its text.");
            }

            if (IsDisputeBody(note))
            {
                // Touchpoint's own, written when a complaint is rejected; a client cannot write one.
                continue;
            }

            if (IsQuestion(note))
            {
                map.Map($"questions[{questions.Count}]", $"note[{index}].text");
                questions.Add(note.Text);
            }
            else
            {
                notes.Add((index, note.Text));
            }
        }

        // Notes and contacts are steps of their own after the creation; the ticket is all of them or nothing.
        await using var transaction = notes.Count + contacts.Count > 0 ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var created = await commands.OpenAsync(new CreateCaseInput(
            customerId, TicketTypeOf(input.TicketType), priority, channel, NeedOf(input.Name, input.Description), questions,
            subscription?.Id, queue, RootCause: null), cancellationToken);
        if (created.Failure is { } failure)
        {
            return failure.ToResult(map);
        }

        var opened = created.Value!;
        var @case = opened.Case;
        var steps = await AddNotesAndContactsAsync(commands, @case.Id, notes, contacts, cancellationToken);
        if (steps is not null)
        {
            return steps;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        // A ticket opened alone is answered from the rows that opened it; notes and contacts are read back with it.
        var (savedCase, parts) = transaction is null
            ? (@case, new TroubleTicketParts([opened.FirstStatus], [], opened.Questions, [], []))
            : (await LoadAsync(db, @case.Id, cancellationToken))!.Value;
        return TmfConventions.Created($"{TroubleTicketPath}/{@case.Id}", ToTmf(savedCase, parts, sla, CaseTime.Now(clock)));
    }

    /// <summary>The customer's need from a ticket's name and description (see the mapping at the top).</summary>
    private static string? NeedOf(string? name, string? description)
    {
        var title = name?.Trim();
        var text = description?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return string.IsNullOrEmpty(title) ? null : title;
        }

        return string.IsNullOrEmpty(title) || text.Contains(title, StringComparison.OrdinalIgnoreCase) ? text : $"{title}: {text}";
    }
}
