using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Feedback;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Feedback;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Languages;
using Touchpoint.Features.PartnerAgencies;
using Touchpoint.Features.Promises;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Interactions;

public sealed record RecordInteractionInput(
    Guid? CustomerId,
    string? Channel,
    string? Direction,
    DateTime? OccurredAt,
    int? DurationSeconds,
    string? Reason,
    string? Summary,
    Guid? PartnerAgencyId,
    string? AgentName,
    Guid? SubscriptionId,
    string? OfferRef,
    string? CaseRef,
    string? OrderRef);

/// <summary>The fields of an interaction that are checked without the database.</summary>
public sealed record InteractionFields(InteractionChannel Channel, InteractionDirection Direction, DateTime OccurredAt, int? DurationSeconds, string Reason, string Summary);

/// <summary>Records contacts with customers, each with its timeline entry, in one transaction.</summary>
public sealed class InteractionCommands(
    TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, PromiseKeeping promises, CaseSla sla, SurveyScheduling surveys)
{
    public const int MaxDurationSeconds = 24 * 60 * 60;

    public async Task<Outcome<Interaction>> RecordAsync(RecordInteractionInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.CustomerId is not { } customerId)
        {
            return new Failure.Invalid("customerId", "customerId is required.");
        }

        var validated = ValidateFields(input, now);
        if (validated.Failure is { } invalid)
        {
            return invalid;
        }

        var fields = validated.Value!;
        var party = await ActingPartyAsync(input.PartnerAgencyId, input.AgentName, cancellationToken);
        if (party.Failure is { } partyFailure)
        {
            return partyFailure;
        }

        var (agentUserId, agentName, agencyId, agencyName) = party.Value!;
        if (await AgencyCustomers.OutOfReachAsync(db, currentActor, customerId, cancellationToken))
        {
            return new Failure.Invalid("customerId", $"There is no customer with id '{customerId}' among those given to {agencyName}.");
        }

        var customer = await ResolveAsync(customerId, cancellationToken);
        if (customer is null)
        {
            return new Failure.Invalid("customerId", $"There is no customer with id '{customerId}'.");
        }

        if (input.SubscriptionId is { } subscriptionId
            && !await db.Subscriptions.AnyAsync(s => s.Id == subscriptionId && s.CustomerId == customer.Id, cancellationToken))
        {
            return new Failure.Invalid("subscriptionId", $"Subscription {subscriptionId} is not one of this customer's.");
        }

        var caseRef = string.IsNullOrWhiteSpace(input.CaseRef) ? null : input.CaseRef.Trim();
        var @case = caseRef is null ? null : await db.Cases.FirstOrDefaultAsync(c => c.Reference == caseRef, cancellationToken);
        if (caseRef is not null && (@case is null || @case.CustomerId != customer.Id))
        {
            return new Failure.Invalid("caseRef", $"There is no case '{caseRef}' of this customer.");
        }

        var interaction = new Interaction
        {
            CustomerId = customer.Id,
            OccurredAt = fields.OccurredAt,
            Channel = fields.Channel,
            Direction = fields.Direction,
            PartnerAgencyId = agencyId,
            PartnerAgencyName = agencyName,
            AgentUserId = agentUserId,
            AgentName = agentName,
            DurationSeconds = fields.DurationSeconds,
            Reason = fields.Reason,
            Summary = fields.Summary,
            SubscriptionId = input.SubscriptionId,
            OfferRef = input.OfferRef,
            CaseRef = caseRef,
            OrderRef = input.OrderRef,
            RecordedAt = now,
        };
        db.Interactions.Add(interaction);
        db.TimelineEntries.Add(TimelineEntryFor(interaction));
        surveys.Schedule(db, new SurveyOccasion(SurveyTrigger.Interaction, customer.Id, interaction.Id, caseRef, agentUserId, agencyName is null ? agentName : null,
            agencyName, interaction.Channel.ToWireName()), now);
        if (@case is not null)
        {
            await CaseContacts.CountAsync(db, sla, @case, interaction, now, cancellationToken);
            // A step on the case like any other: EF checks the version, so a concurrent change fails instead of merging silently.
            @case.Version++;
        }

        try
        {
            // The contact may be the act that keeps a promise (an outbound call keeps a callback, S4-2): saved together or not at all.
            await promises.SaveWithActAsync(PromiseKeeping.ActOf(interaction), interaction.Id, interaction.AgentName, cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (@case is not null)
        {
            return new Failure.Conflict($"Case {@case.Reference} was changed by someone else meanwhile; try again.");
        }

        return interaction;
    }

    /// <summary>The checks that need no database, shared by the API and the import.</summary>
    public static Outcome<InteractionFields> ValidateFields(RecordInteractionInput input, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!InteractionChannels.TryParse(input.Channel, out var channel, out var channelError))
        {
            return new Failure.Invalid("channel", channelError);
        }

        if (!InteractionDirections.TryParse(input.Direction, out var direction, out var directionError))
        {
            return new Failure.Invalid("direction", directionError);
        }

        var occurredAt = input.OccurredAt is { } given ? AsUtc(given) : now;
        if (occurredAt > now.AddMinutes(5))
        {
            return new Failure.Invalid("occurredAt", "occurredAt is in the future.");
        }

        if (input.DurationSeconds is < 0 or > MaxDurationSeconds)
        {
            return new Failure.Invalid("durationSeconds", $"durationSeconds must be between 0 and {MaxDurationSeconds}.");
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 200)
        {
            return new Failure.Invalid("reason", "reason is required (at most 200 characters).");
        }

        var summary = input.Summary?.Trim() ?? "";
        if (summary.Length > 4000)
        {
            return new Failure.Invalid("summary", "summary is at most 4000 characters.");
        }

        return new InteractionFields(channel, direction, occurredAt, input.DurationSeconds, reason, summary);
    }

    public static TimelineEntry TimelineEntryFor(Interaction interaction) => new TimelineEntry
    {
        CustomerId = interaction.CustomerId,
        At = interaction.OccurredAt,
        Kind = TimelineEntryKind.Interaction,
        Channel = interaction.Channel.ToWireName(),
        Direction = interaction.Direction.ToWireName(),
        Title = $"{Capitalize(interaction.Direction.ToWireName())} {interaction.Channel.ToWireName()}: {interaction.Reason}",
        Detail = interaction.Summary,
        ActorName = interaction.AgentName,
        PartnerAgencyName = interaction.PartnerAgencyName,
        SourceId = interaction.Id.ToString(),
    }.Says(StoredText.Of("Timeline.Interaction", StoredText.Code("Direction", interaction.Direction.ToWireName()),
        StoredText.CodeInSentence("Channel", interaction.Channel.ToWireName()), StoredText.Value(interaction.Reason)));

    /// <summary>A record merged into another resolves to the survivor, so late imports still land on the right history.</summary>
    private async Task<Customer?> ResolveAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        for (var hops = 0; customer is { Status: CustomerStatus.Merged, MergedIntoId: { } next } && hops < 10; hops++)
        {
            customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == next, cancellationToken);
        }

        return customer;
    }

    /// <summary>
    /// Who acted. A partner agent always acts for their own agency — they cannot record a contact as the
    /// operator (S0-1). Own staff may record a contact an agency made, naming the agency.
    /// </summary>
    private async Task<Outcome<(string? UserId, string AgentName, Guid? AgencyId, string? AgencyName)>> ActingPartyAsync(
        Guid? partnerAgencyId, string? agentName, CancellationToken cancellationToken)
    {
        var user = currentActor.User();
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        // The display name travels in the sign-in; only a partner agent's agency needs the user row.
        var isPartnerAgent = user?.IsInRole(Roles.PartnerAgent) == true;
        var staff = isPartnerAgent && userId is not null ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) : null;
        var signedInName = user?.FindFirstValue(TouchpointClaimsPrincipalFactory.DisplayNameClaim) ?? user?.Identity?.Name;
        var name = string.IsNullOrWhiteSpace(agentName) ? signedInName ?? "system" : agentName.Trim();
        if (name.Length > 200)
        {
            return new Failure.Invalid("agentName", "agentName is at most 200 characters.");
        }

        if (isPartnerAgent)
        {
            if (staff?.PartnerAgencyId is not { } ownAgency)
            {
                return new Failure.Invalid("partnerAgencyId", "This partner agent is not tied to an agency.");
            }

            if (partnerAgencyId is { } other && other != ownAgency)
            {
                return new Failure.Invalid("partnerAgencyId", "A partner agent records contacts only for their own agency.");
            }

            partnerAgencyId = ownAgency;
        }

        if (partnerAgencyId is not { } agencyId)
        {
            return (userId, name, null, null);
        }

        var agency = await db.PartnerAgencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agencyId, cancellationToken);
        return agency is null
            ? new Failure.Invalid("partnerAgencyId", $"There is no partner agency with id '{agencyId}'.")
            : (userId, name, agency.Id, agency.Name);
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
