using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Domain.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Sms;

/// <summary>A delivery report for one recipient (<c>recipient_delivery_report_sms</c>).</summary>
public sealed record SinchDeliveryReport(string? BatchId, string? ClientReference, string? Recipient, string? Status, int? Code, DateTimeOffset? At);

/// <summary>An SMS a customer sent to our number (<c>mo_text</c>).</summary>
public sealed record SinchInboundSms(string? Id, string? From, string? To, string? Body, DateTimeOffset? ReceivedAt);

/// <summary>What Touchpoint made of a callback, for Sinch's log and whoever reads it.</summary>
public sealed record SinchCallbackAnswer(string Outcome, string Detail);

/// <summary>
/// The one URL Sinch calls back: delivery reports of our SMS and SMS customers send to our number. Anonymous, as
/// Sinch has no account here: each call must carry Sinch's signature (<see cref="SinchSignature"/>), checked before
/// the body is read; an unsigned or stale call gets 401 and nothing is recorded.
/// </summary>
public static class SinchCallbackEndpoints
{
    public static IEndpointRouteBuilder MapSinchCallbackEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(SinchSettings.CallbackPath, Receive).WithTags("SMS").AllowAnonymous()
            .WithSummary("Sinch's callbacks: recipient_delivery_report_sms updates our message, mo_text is an SMS from a customer. Signed by Sinch (x-sinch-webhook-signature).");
        return app;
    }

    internal static async Task<Results<Ok<SinchCallbackAnswer>, ValidationProblem, UnauthorizedProblem, NotFoundProblem>> Receive(
        HttpRequest request, SmsSettings settings, TimeProvider clock, SmsDeliveryReports reports, InboundSms inbound, CancellationToken cancellationToken)
    {
        if (settings.Sinch is not { } sinch)
        {
            return ProblemResults.NotFound($"SMS by Sinch is not configured here ({SinchSettings.Section}).");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        var headers = request.Headers;
        if (SinchSignature.Problem(sinch.WebhookSecret, body, headers[SinchSignature.SignatureHeader], headers[SinchSignature.NonceHeader],
                headers[SinchSignature.TimestampHeader], headers[SinchSignature.AlgorithmHeader], clock.GetUtcNow()) is { } refused)
        {
            return ProblemResults.Unauthorized(refused);
        }

        JsonElement json;
        try
        {
            json = JsonSerializer.Deserialize<JsonElement>(body);
        }
        catch (JsonException unreadable)
        {
            return ProblemResults.Invalid("body", $"The callback is not JSON: {unreadable.Message}");
        }

        var type = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String
            ? typeValue.GetString()
            : null;
        switch (type)
        {
            case "recipient_delivery_report_sms":
                if (Read<SinchDeliveryReport>(json, out var report) is { } badReport)
                {
                    return badReport;
                }

                if (string.IsNullOrWhiteSpace(report!.Status))
                {
                    return ProblemResults.Invalid("status", "status is required: Delivered, Failed, Rejected, Expired, …");
                }

                return TypedResults.Ok(new SinchCallbackAnswer("reported", await reports.ApplyAsync(report, cancellationToken)));

            case "mo_text":
                if (Read<SinchInboundSms>(json, out var sms) is { } badSms)
                {
                    return badSms;
                }

                var missing = string.IsNullOrWhiteSpace(sms!.Id) ? "id" : string.IsNullOrWhiteSpace(sms.From) ? "from" : sms.Body is null ? "body" : null;
                if (missing is not null)
                {
                    return ProblemResults.Invalid(missing, $"{missing} is required in an mo_text callback.");
                }

                var result = await inbound.ReceiveAsync(new ArrivedSms(sms.Id!, sms.From!, sms.To, sms.Body!, sms.ReceivedAt), cancellationToken);
                return TypedResults.Ok(new SinchCallbackAnswer(result.Outcome.ToString().ToLowerInvariant(), result.Detail));

            case null:
                return ProblemResults.Invalid("type", "type is required: recipient_delivery_report_sms or mo_text.");

            default:
                // Batch summaries, binary MO and whatever Sinch adds later: acknowledged, so Sinch does not retry them.
                return TypedResults.Ok(new SinchCallbackAnswer("ignored", $"a {type} callback is not used by Touchpoint"));
        }
    }

    private static ValidationProblem? Read<T>(JsonElement json, out T? value)
        where T : class
    {
        try
        {
            value = json.Deserialize<T>(SinchJson.Options);
            return value is null ? ProblemResults.Invalid("body", "The callback is empty.") : null;
        }
        catch (JsonException wrong)
        {
            value = null;
            var field = wrong.Path is { Length: > 2 } path ? path[2..] : "body";
            return ProblemResults.Invalid(field, $"{field} is not what Sinch sends: {wrong.Message}");
        }
    }
}
