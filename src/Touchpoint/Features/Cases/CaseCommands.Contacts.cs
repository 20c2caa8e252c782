using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Cases;

public sealed record LinkContactInput(Guid? InteractionId);

public sealed partial class CaseCommands
{
    /// <summary>
    /// Links a contact to the case, so the case counts it (S1-3: nine contacts on one case). An outbound contact
    /// made after the case was opened told the customer something: it is a response and an update for the SLA.
    /// </summary>
    public async Task<Outcome<Case>> LinkContactAsync(Guid id, LinkContactInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        if (input.InteractionId is not { } interactionId)
        {
            return new Failure.Invalid("interactionId", "interactionId is required: the contact to link to this case.");
        }

        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        var interaction = await db.Interactions.FirstOrDefaultAsync(i => i.Id == interactionId, cancellationToken);
        if (interaction is null || interaction.CustomerId != @case.CustomerId)
        {
            return new Failure.Invalid("interactionId", $"There is no contact with id '{interactionId}' with this case's customer.");
        }

        if (interaction.CaseRef == @case.Reference)
        {
            return @case;
        }

        if (interaction.CaseRef is { } other)
        {
            return new Failure.Conflict($"That contact already belongs to case {other}.");
        }

        interaction.CaseRef = @case.Reference;
        await CaseContacts.CountAsync(db, sla, @case, interaction, now, cancellationToken);

        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, currentActor.Get().DisplayName,
            $"{interaction.Direction.ToWireName()} {interaction.Channel.ToWireName()} contact linked", $"{interaction.AgentName}: {interaction.Reason}",
            interaction.Channel.ToWireName(),
            StoredText.Of("Timeline.Case.ContactLinked", StoredText.CodeInSentence("Direction", interaction.Direction.ToWireName()),
                StoredText.CodeInSentence("Channel", interaction.Channel.ToWireName()))));
        return await SaveAsync(@case, cancellationToken);
    }
}
