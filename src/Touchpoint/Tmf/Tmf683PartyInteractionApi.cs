// TMF683 Party Interaction v4 — /tmf-api/partyInteraction/v4/partyInteraction — contacts with customers,
// over InteractionCommands.RecordAsync.
//
//   id, href          the interaction id
//   interactionDate   startDateTime = when the contact happened; endDateTime = start + duration (when known).
//                     On create a missing startDateTime means now; endDateTime before it is a 400.
//   creationDate      when Touchpoint recorded it
//   direction         "inbound" (the customer made contact) or "outbound" (the operator did)
//   reason            why the contact happened; description = the agent's summary
//   status            "completed": Touchpoint records contacts that took place (create accepts only that)
//   channel           exactly one RelatedChannel: id = Touchpoint's channel name (phone, email, chat, store,
//                     web, letter, social, ivr, sms), name = its display name, role "interactionChannel",
//                     href = /tmf-api/partyInteraction/v4/channel/{id}. On create the id, or else the name
//                     (Phone, Telephone, E-mail, Shop, Website, SMS, …), chooses the channel.
//   relatedParty      who took part, so the acting party is always visible (S0-1):
//                       role "customer"      the customer (@referredType Customer); required on create
//                       role "agent"         who handled it (@referredType Individual; id = the user id,
//                                            href /api/users/{id}; an agent known by name only has the name as id);
//                                            on create, an agent's name overrides the signed-in user's display name
//                       role "partnerAgency" present when a partner agency acted; name = the agency's name,
//                                            @referredType Organization, href to TMF632 organization/{agency id}.
//                                            On create, give its id or its exact name; a partner agent's contacts
//                                            are always their own agency's, whatever the body says.
//   @type             "PartyInteraction"
//
// Listing requires relatedParty.id (a customer id): newest first, paged with offset/limit.
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Interactions;
using Touchpoint.Hosting;
using Touchpoint.Features.Audit;

namespace Touchpoint.Tmf;

public sealed record TmfRelatedChannel
{
    public string? Id { get; init; }
    public string? Href { get; init; }
    public string? Name { get; init; }
    public string? Role { get; init; }

    [JsonPropertyName("@referredType")]
    public string? ReferredType { get; init; }
}

public sealed record TmfPartyInteraction
{
    public required string Id { get; init; }
    public required string Href { get; init; }
    public string? CreationDate { get; init; }
    public TmfTimePeriod? InteractionDate { get; init; }
    public string? Direction { get; init; }
    public string? Reason { get; init; }
    public string? Description { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<TmfRelatedChannel>? Channel { get; init; }
    public IReadOnlyList<TmfRelatedParty>? RelatedParty { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "PartyInteraction";
}

/// <summary>PartyInteraction_Create.</summary>
public sealed record TmfPartyInteractionInput
{
    public TmfTimePeriodInput? InteractionDate { get; init; }
    public string? Direction { get; init; }
    public string? Reason { get; init; }
    public string? Description { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<TmfRelatedChannel?>? Channel { get; init; }
    public IReadOnlyList<TmfRelatedParty?>? RelatedParty { get; init; }
}

public static class Tmf683PartyInteractionApi
{
    public const string Completed = "completed";
    public const string CustomerRole = "customer";
    public const string AgentRole = "agent";
    public const string PartnerAgencyRole = "partnerAgency";

    /// <summary>Channel names other systems use, beyond Touchpoint's own names and display names.</summary>
    private static readonly Dictionary<string, InteractionChannel> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["telephone"] = InteractionChannel.Phone,
        ["voice"] = InteractionChannel.Phone,
        ["call"] = InteractionChannel.Phone,
        ["contact centre"] = InteractionChannel.Phone,
        ["contact center"] = InteractionChannel.Phone,
        ["mail"] = InteractionChannel.Email,
        ["messaging"] = InteractionChannel.Chat,
        ["live chat"] = InteractionChannel.Chat,
        ["shop"] = InteractionChannel.Store,
        ["retail"] = InteractionChannel.Store,
        ["website"] = InteractionChannel.Web,
        ["online"] = InteractionChannel.Web,
        ["self-service"] = InteractionChannel.Web,
        ["post"] = InteractionChannel.Letter,
        ["social"] = InteractionChannel.Social,
        ["text"] = InteractionChannel.Sms,
        ["text message"] = InteractionChannel.Sms,
    };

    public static IEndpointRouteBuilder MapTmf683PartyInteractionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(TmfConventions.PartyInteractionPath).WithTags("TMF683 Party Interaction");
        group.MapGet("/", List).RequireAuthorization(Policies.OwnStaff)
            .WithSummary("A customer's interactions (relatedParty.id), newest first, paged (offset, limit); fields selects attributes.");
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.OwnStaff).WithSummary("One interaction, with the acting agent and agency.");

        // Partner agents record their own contacts, always as their agency (S0-1).
        group.MapPost("/", Create)
            .RequireAuthorization(Policies.People)
            .WithSummary("Record a contact from a PartyInteraction_Create body; it appears on the customer's timeline.");
        return app;
    }

    internal static async Task<Results<TmfResource<List<TmfPartyInteraction>>, ValidationProblem>> List(
        [FromQuery(Name = "relatedParty.id")] string? relatedPartyId, int? offset, int? limit, string? fields,
        HttpResponse response, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryListQuery<TmfPartyInteraction>(offset, limit, fields, out var page, out var selected, out var problem))
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(relatedPartyId))
        {
            return ProblemResults.Invalid("relatedParty.id", "relatedParty.id is required: the id of the customer whose interactions to list.");
        }

        if (!Guid.TryParse(relatedPartyId, out var customerId))
        {
            return ProblemResults.Invalid("relatedParty.id", $"'{relatedPartyId}' is not a customer id.");
        }

        var query = db.Interactions.AsNoTracking().Where(i => i.CustomerId == customerId);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)
            .Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        if (rows.Count > 0)
        {
            readAudit.Record(nameof(Customer), customerId.ToString(), "TMF683 party interactions");
        }

        return TmfConventions.List(response, rows.Select(ToTmf).ToList(), total, selected);
    }

    internal static async Task<Results<TmfResource<TmfPartyInteraction>, ValidationProblem, NotFoundProblem>> Get(
        string id, string? fields, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryParseFields<TmfPartyInteraction>(fields, out var selected, out var problem))
        {
            return problem!;
        }

        var interaction = Guid.TryParse(id, out var interactionId)
            ? await db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == interactionId, cancellationToken)
            : null;
        if (interaction is null)
        {
            return TmfConventions.NotFound("party interaction", id);
        }

        readAudit.Record(nameof(Interaction), id, "TMF683 party interaction");
        return TmfConventions.One(ToTmf(interaction), selected);
    }

    internal static async Task<Results<TmfCreated<TmfPartyInteraction>, ValidationProblem, CommandProblem>> Create(
        TmfPartyInteractionInput input, InteractionCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var map = new FieldMap()
            .Map("customerId", "relatedParty")
            .Map("partnerAgencyId", "relatedParty")
            .Map("agentName", "relatedParty")
            .Map("occurredAt", "interactionDate.startDateTime")
            .Map("durationSeconds", "interactionDate.endDateTime")
            .Map("summary", "description");

        if (!string.Equals(input.Status?.Trim(), Completed, StringComparison.OrdinalIgnoreCase))
        {
            return ProblemResults.Invalid("status", $"status is required and must be {Completed}: Touchpoint records contacts that took place.");
        }

        if (input.InteractionDate is not { } when)
        {
            return ProblemResults.Invalid("interactionDate", "interactionDate is required, with startDateTime when the contact began.");
        }

        int? durationSeconds = null;
        if (when.EndDateTime is { } end)
        {
            if (when.StartDateTime is not { } start || end < start)
            {
                return ProblemResults.Invalid("interactionDate.endDateTime", "endDateTime needs a startDateTime at or before it.");
            }

            durationSeconds = (int)Math.Min(int.MaxValue, Math.Round((end - start).TotalSeconds));
        }

        if (input.Channel is not [{ } channelRef])
        {
            return ProblemResults.Invalid("channel", "channel is required: exactly one channel, e.g. { \"id\": \"phone\", \"href\": \"…\" }.");
        }

        var channel = ChannelOf(channelRef);
        map.Map("channel", channelRef.Id is not null ? "channel[0].id" : "channel[0].name");

        Guid? customerId = null;
        Guid? agencyId = null;
        string? agentName = null;
        for (var index = 0; index < (input.RelatedParty?.Count ?? 0); index++)
        {
            var party = input.RelatedParty![index];
            var path = $"relatedParty[{index}]";
            var role = party?.Role?.Trim();
            if (party is null || string.IsNullOrEmpty(role))
            {
                return ProblemResults.Invalid($"{path}.role", $"A related party needs a role: {CustomerRole}, {PartnerAgencyRole} or {AgentRole}.");
            }

            if (role.Equals(CustomerRole, StringComparison.OrdinalIgnoreCase))
            {
                if (!Guid.TryParse(party.Id, out var id))
                {
                    return ProblemResults.Invalid($"{path}.id", $"'{party.Id}' is not a customer id.");
                }

                customerId = id;
                map.Map("customerId", $"{path}.id");
            }
            else if (role.Equals(PartnerAgencyRole, StringComparison.OrdinalIgnoreCase))
            {
                if (Guid.TryParse(party.Id, out var id))
                {
                    agencyId = id;
                    map.Map("partnerAgencyId", $"{path}.id");
                }
                else if (!string.IsNullOrWhiteSpace(party.Name))
                {
                    var name = party.Name.Trim();
                    agencyId = await db.PartnerAgencies.AsNoTracking().Where(a => a.Name == name).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
                    if (agencyId is null)
                    {
                        return ProblemResults.Invalid($"{path}.name", $"There is no partner agency named '{name}'.");
                    }

                    map.Map("partnerAgencyId", $"{path}.name");
                }
                else
                {
                    return ProblemResults.Invalid($"{path}.id", "A partner agency is named by its id or its name.");
                }
            }
            else if (role.Equals(AgentRole, StringComparison.OrdinalIgnoreCase))
            {
                agentName = party.Name;
                map.Map("agentName", $"{path}.name");
            }
            else
            {
                return ProblemResults.Invalid($"{path}.role", $"'{role}' is not a role Touchpoint records; use {CustomerRole}, {PartnerAgencyRole} or {AgentRole}.");
            }
        }

        var outcome = await commands.RecordAsync(new RecordInteractionInput(
            customerId, channel, input.Direction, when.StartDateTime?.UtcDateTime, durationSeconds, input.Reason, input.Description,
            agencyId, agentName, SubscriptionId: null, OfferRef: null, CaseRef: null, OrderRef: null), cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return failure.ToResult(map);
        }

        var interaction = outcome.Value!;
        return TmfConventions.Created($"{TmfConventions.PartyInteractionPath}/{interaction.Id}", ToTmf(interaction));
    }

    public static TmfPartyInteraction ToTmf(Interaction interaction)
    {
        var id = interaction.Id.ToString();
        var parties = new List<TmfRelatedParty>
        {
            new()
            {
                Id = interaction.CustomerId.ToString(),
                Href = $"{TmfConventions.CustomerPath}/{interaction.CustomerId}",
                Role = CustomerRole,
                ReferredType = "Customer",
            },
        };
        var agentId = interaction.AgentUserId ?? interaction.AgentName;
        parties.Add(new TmfRelatedParty
        {
            Id = agentId,
            Href = $"{TmfConventions.UserPath}/{Uri.EscapeDataString(agentId)}",
            Name = interaction.AgentName,
            Role = AgentRole,
            ReferredType = "Individual",
        });
        if (interaction.PartnerAgencyName is { } agencyName)
        {
            var agencyId = interaction.PartnerAgencyId?.ToString() ?? agencyName;
            parties.Add(new TmfRelatedParty
            {
                Id = agencyId,
                Href = $"{TmfConventions.OrganizationPath}/{Uri.EscapeDataString(agencyId)}",
                Name = agencyName,
                Role = PartnerAgencyRole,
                ReferredType = "Organization",
            });
        }

        var channel = interaction.Channel.ToWireName();
        return new TmfPartyInteraction
        {
            Id = id,
            Href = $"{TmfConventions.PartyInteractionPath}/{id}",
            CreationDate = TmfConventions.Timestamp(interaction.RecordedAt),
            InteractionDate = new TmfTimePeriod
            {
                StartDateTime = TmfConventions.Timestamp(interaction.OccurredAt),
                EndDateTime = interaction.DurationSeconds is { } seconds ? TmfConventions.Timestamp(interaction.OccurredAt.AddSeconds(seconds)) : null,
            },
            Direction = interaction.Direction.ToWireName(),
            Reason = interaction.Reason,
            Description = string.IsNullOrEmpty(interaction.Summary) ? null : interaction.Summary,
            Status = Completed,
            Channel =
            [
                new TmfRelatedChannel
                {
                    Id = channel,
                    Href = $"{TmfConventions.ChannelPath}/{channel}",
                    Name = interaction.Channel.DisplayName(),
                    Role = "interactionChannel",
                    ReferredType = "Channel",
                },
            ],
            RelatedParty = parties,
        };
    }

    /// <summary>Touchpoint's channel name for a RelatedChannel: its id if that is one, else its name; unmapped text goes to the command, which names the allowed values.</summary>
    private static string? ChannelOf(TmfRelatedChannel channel) => ChannelOf(channel.Id, channel.Name);

    /// <summary>Touchpoint's channel name for a channel given by id and/or name (TMF621's ChannelRef too).</summary>
    internal static string? ChannelOf(string? channelId, string? channelName)
    {
        foreach (var text in new[] { channelId, channelName })
        {
            var trimmed = text?.Trim();
            if (string.IsNullOrEmpty(trimmed))
            {
                continue;
            }

            if (InteractionChannels.TryParse(trimmed, out var parsed, out _))
            {
                return parsed.ToWireName();
            }

            if (InteractionChannels.TryParseDisplayName(trimmed, out var byDisplay))
            {
                return byDisplay.ToWireName();
            }

            if (Aliases.TryGetValue(trimmed, out var alias))
            {
                return alias.ToWireName();
            }
        }

        return channelId ?? channelName;
    }

    /// <summary>The display name of a stored channel (Phone, E-mail, …); an unknown one as stored.</summary>
    internal static string ChannelDisplayName(string channel) =>
        InteractionChannels.TryParse(channel, out var parsed, out _) ? parsed.DisplayName() : channel;
}
