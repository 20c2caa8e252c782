using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Cases;
using Touchpoint.Hosting;
using static Touchpoint.Tmf.Tmf621TroubleTicketMapping;

namespace Touchpoint.Tmf;

/// <summary>TMF621's merge patch: status moves, notes, answers and contacts in one transaction; read-only attributes only as they are.</summary>
public static partial class Tmf621TroubleTicketApi
{
    internal static async Task<Results<TmfResource<TmfTroubleTicket>, ValidationProblem, NotFoundProblem, CommandProblem>> Patch(
        string id, TmfTroubleTicketInput input, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken)
    {
        var loaded = Guid.TryParse(id, out var caseId) ? await LoadAsync(db, caseId, cancellationToken) : null;
        if (loaded is not { } ticket)
        {
            return TmfConventions.NotFound("trouble ticket", id);
        }

        var @case = ticket.Case;
        if (ReadOnlyChanged(input, @case) is { } readOnly)
        {
            return readOnly;
        }

        var read = ReadRelatedEntities(input.RelatedEntity, subscriptionAllowed: false, @case.SubscriptionId);
        if (read.Failure is { } entityFailure)
        {
            return entityFailure.ToResult();
        }

        var contacts = read.Value!.Contacts;
        var moves = input.Status is { } status
            && !(CaseStatuses.TryParse(status, out var parsed, out _) && parsed == @case.Status);
        if (input.StatusChangeReason is not null && input.Status is null)
        {
            return ProblemResults.Invalid("statusChangeReason", "statusChangeReason goes with the status it explains; give status too.");
        }

        var noteIds = ticket.Parts.Notes.Select(n => n.Id).ToHashSet();
        var questions = ticket.Parts.Questions.ToDictionary(q => q.Id);
        var notes = new List<(int Index, string? Text)>();
        var newQuestions = new List<(int Index, string? Text)>();
        var answers = new List<(int Index, Guid QuestionId, string Answer)>();
        for (var index = 0; index < (input.Note?.Count ?? 0); index++)
        {
            if (input.Note![index] is not { } note)
            {
                return ProblemResults.Invalid($"note[{index}]", "A note needs its text.");
            }

            var known = Guid.TryParse(note.Id, out var noteId) ? noteId : (Guid?)null;
            if (IsDisputeBody(note))
            {
                // Touchpoint's own words to the customer, sent back with the ticket: nothing to add.
            }
            else if (known is { } questionId && questions.TryGetValue(questionId, out var question))
            {
                if (question.Answer is null && !string.IsNullOrWhiteSpace(note.Answer))
                {
                    answers.Add((index, questionId, note.Answer));
                }
            }
            else if (known is { } existing && noteIds.Contains(existing))
            {
                // Already there: notes are only added.
            }
            else if (IsQuestion(note))
            {
                newQuestions.Add((index, note.Text));
            }
            else
            {
                notes.Add((index, note.Text));
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (index, text) in newQuestions)
        {
            var added = await commands.AddQuestionAsync(caseId, new AddQuestionInput(text), cancellationToken);
            if (added.Failure is { } failure)
            {
                return failure.ToResult(new FieldMap().Map("text", $"note[{index}].text"));
            }
        }

        foreach (var (index, questionId, answer) in answers)
        {
            var answered = await commands.AnswerQuestionAsync(caseId, questionId, new AnswerQuestionInput(answer), cancellationToken);
            if (answered.Failure is { } failure)
            {
                return failure.ToResult(new FieldMap().Map("answer", $"note[{index}].answer"));
            }
        }

        if (await AddNotesAndContactsAsync(commands, caseId, notes, contacts, cancellationToken) is { } stepFailure)
        {
            return stepFailure;
        }

        if (moves)
        {
            var moved = await commands.ChangeStatusAsync(caseId, new ChangeCaseStatusInput(input.Status, input.StatusChangeReason, RootCause: null), cancellationToken);
            if (moved.Failure is { } failure)
            {
                return failure.ToResult(new FieldMap().Map("reason", "statusChangeReason"));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        var saved = (await LoadAsync(db, caseId, cancellationToken))!.Value;
        return TmfConventions.One(ToTmf(saved.Case, saved.Parts, sla, CaseTime.Now(clock)));
    }

    /// <summary>A 400 for a read-only attribute sent with a value other than the current one.</summary>
    private static ValidationProblem? ReadOnlyChanged(TmfTroubleTicketInput input, Case @case)
    {
        static bool Differs(string? sent, string current) => sent is not null && !string.Equals(sent.Trim(), current, StringComparison.OrdinalIgnoreCase);

        if (Differs(input.Name, @case.Reference))
        {
            return ProblemResults.Invalid("name", $"name is the case reference {@case.Reference} and cannot change.");
        }

        if (input.Description is not null && input.Description.Trim() != @case.NeedStatement)
        {
            return ProblemResults.Invalid("description", "description is the customer's need in their words, as recorded when the case was opened; add a note instead.");
        }

        if (Differs(TicketTypeOf(input.TicketType), @case.Type.ToWireName()))
        {
            return ProblemResults.Invalid("ticketType", $"ticketType is {@case.Type.ToWireName()} and cannot change; open a new case for another kind of problem.");
        }

        if (Differs(input.Priority, @case.Priority.ToWireName()))
        {
            return ProblemResults.Invalid("priority", $"priority is {@case.Priority.ToWireName()} and cannot be changed through TMF621.");
        }

        if (input.Severity is { } severity && !(TryParseSeverity(severity, out var fromSeverity) && fromSeverity == @case.Priority))
        {
            return ProblemResults.Invalid("severity", $"severity is {SeverityOf(@case.Priority)} and cannot be changed through TMF621.");
        }

        if (input.Channel is { } channel && Tmf683PartyInteractionApi.ChannelOf(channel.Id, channel.Name) != @case.Channel.ToWireName())
        {
            return ProblemResults.Invalid(channel.Id is not null ? "channel.id" : "channel", $"channel is {@case.Channel.ToWireName()}, where the case was raised, and cannot change.");
        }

        for (var index = 0; index < (input.RelatedParty?.Count ?? 0); index++)
        {
            var party = input.RelatedParty![index];
            var role = party?.Role?.Trim();
            if (string.Equals(role, CustomerRole, StringComparison.OrdinalIgnoreCase))
            {
                if (party!.Id != @case.CustomerId.ToString())
                {
                    return ProblemResults.Invalid($"relatedParty[{index}].id", "A case stays with the customer it was opened for.");
                }
            }
            else if (string.Equals(role, OwnerRole, StringComparison.OrdinalIgnoreCase))
            {
                if (party!.Id != @case.OwnerId)
                {
                    return ProblemResults.Invalid($"relatedParty[{index}].id",
                        $"The owner changes only when a handoff is accepted: POST /api/cases/{@case.Id}/handoff.");
                }
            }
            else
            {
                return ProblemResults.Invalid($"relatedParty[{index}].role", $"A related party is the {CustomerRole} or the {OwnerRole}.");
            }
        }

        return null;
    }
}
