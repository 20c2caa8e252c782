using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data;
using Touchpoint.Features.Audit;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Identity;
using Touchpoint.Features.PartnerAgencies;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy.Objection;

/// <param name="Channel">Where the customer said it: phone, store, chat, email, letter, social or sms.</param>
public sealed record StaffObjectionInput(string? Channel);

/// <summary>The customer's objection as it stands after the request.</summary>
/// <param name="AlreadyRecorded">True when the customer had objected before and nothing changed.</param>
/// <param name="Via">The channel the objection came in by; null when it was not said.</param>
/// <param name="AgenciesLeft">The partner agencies that lost the customer from their call lists now.</param>
public sealed record ObjectionView(
    Guid CustomerId, bool MarketingObjection, DateTime? RecordedAt, string? Via, bool AlreadyRecorded, IReadOnlyList<string> AgenciesLeft, string Message)
{
    public static ObjectionView Of(ObjectionRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new ObjectionView(recorded.CustomerId, true, recorded.RecordedAt, recorded.Via, recorded.AlreadyRecorded, recorded.AgenciesLeft,
            recorded.AlreadyRecorded
                ? "The objection to direct marketing was recorded before; nothing changed."
                : "Objection to direct marketing recorded: no marketing in any channel from now on.");
    }
}

/// <summary>
/// The doors an objection to direct marketing (GDPR-21) comes in by besides SMS (<see cref="Sms.InboundSms"/>) and the
/// preferences: staff who heard it (own staff, and a partner agent about a customer given to their agency, S0-1), and
/// the one-click unsubscribe link of an e-mail (RFC 8058), which needs no sign-in.
/// </summary>
public static class ObjectionEndpoints
{
    /// <summary>The channels a person can hear an objection in; web and IVR have no person listening.</summary>
    public static IReadOnlyList<InteractionChannel> StaffChannels { get; } =
        [InteractionChannel.Phone, InteractionChannel.Store, InteractionChannel.Chat, InteractionChannel.Email, InteractionChannel.Letter, InteractionChannel.Social, InteractionChannel.Sms];

    public static IEndpointRouteBuilder MapObjectionEndpoints(this IEndpointRouteBuilder app)
    {
        // Signed in, not only own staff: an outside seller told "never call me again" must be able to record it (checked in the handler).
        app.MapPost("/api/customers/{id:guid}/marketing-objection", RecordByStaff).WithTags("Customers").RequireAuthorization(Policies.People)
            .WithSummary("Record the customer's objection to direct marketing (GDPR Art. 21) heard in a channel: no marketing in any channel from now on, and every partner agency loses the customer. A second one changes nothing and says so.");
        app.MapPost("/unsubscribe/{token}", Unsubscribe).WithTags("Unsubscribe").AllowAnonymous()
            .WithSummary("One-click unsubscribe (RFC 8058, List-Unsubscribe-Post: List-Unsubscribe=One-Click): records the objection to direct marketing of the customer the link was made for.");
        app.MapGet("/unsubscribe/{token}", UnsubscribePage.Show).AllowAnonymous().ExcludeFromDescription()
            .WithoutReadAudit("a public page with a button; it shows nothing about the customer");
        return app;
    }

    internal static async Task<Results<Created<ObjectionView>, Ok<ObjectionView>, ValidationProblem, NotFoundProblem>> RecordByStaff(
        Guid id, StaffObjectionInput input, MarketingObjections objections, TouchpointDbContext db, CurrentActor actor, CancellationToken cancellationToken)
    {
        if (await AgencyCustomers.OutOfReachAsync(db, actor, id, cancellationToken))
        {
            return NoCustomer(id);
        }

        if (!TryParseStaffChannel(input.Channel, out var channel, out var error))
        {
            return ProblemResults.Invalid("channel", error);
        }

        var outcome = await objections.RecordAsync(id, channel, null, cancellationToken);
        if (outcome.Value is not { } recorded)
        {
            return NoCustomer(id);
        }

        var view = ObjectionView.Of(recorded);
        return recorded.AlreadyRecorded ? TypedResults.Ok(view) : TypedResults.Created($"/api/customers/{recorded.CustomerId}", view);
    }

    internal static async Task<Results<Ok<ObjectionView>, ValidationProblem, NotFoundProblem, ContentHttpResult>> Unsubscribe(
        string token, HttpRequest request, UnsubscribeLinks links, MarketingObjections objections, CustomerVoices voices, TouchpointDbContext db,
        CancellationToken cancellationToken)
    {
        if (token.Length > UnsubscribeLinks.MaxTokenLength)
        {
            return ProblemResults.Invalid("token", $"An unsubscribe token is at most {UnsubscribeLinks.MaxTokenLength} characters.");
        }

        var recorded = links.TryRead(token, out var customerId)
            ? (await objections.RecordAsync(customerId, InteractionChannel.Email, UnsubscribePage.LinkActor(request), cancellationToken)).Value
            : null;
        if (UnsubscribePage.WantsHtml(request))
        {
            return UnsubscribePage.Answer(recorded, await UnsubscribePage.VoiceAsync(token, links, request.HttpContext, voices, db, cancellationToken));
        }

        return recorded is null ? UnknownLink() : TypedResults.Ok(ObjectionView.Of(recorded));
    }

    /// <summary>A forged, altered or outdated link, or one of a customer no longer held: the same answer for each.</summary>
    internal static NotFoundProblem UnknownLink() =>
        ProblemResults.NotFound(UnsubscribePage.NotValid);

    internal static bool TryParseStaffChannel(string? text, out InteractionChannel channel, out string error)
    {
        var allowed = string.Join(", ", StaffChannels.Select(c => c.ToWireName()));
        if (string.IsNullOrWhiteSpace(text))
        {
            channel = default;
            error = $"channel is required: where the customer objected; one of {allowed}.";
            return false;
        }

        if (!InteractionChannels.TryParse(text.Trim(), out channel, out _) || !StaffChannels.Contains(channel))
        {
            error = $"'{text}' is not a channel staff hear an objection in; one of {allowed}.";
            return false;
        }

        error = "";
        return true;
    }

    private static NotFoundProblem NoCustomer(Guid id) => ProblemResults.NotFound($"There is no customer with id '{id}'.");
}
