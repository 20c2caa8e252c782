using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Sms;

/// <summary>
/// Carries the outbox's SMS through Sinch: one batch per message, to its one recipient, with our message id as
/// <c>client_reference</c> so Sinch's delivery reports name it. Sinch's batch id is the attempt's answer, kept as the
/// message's gateway answer. A busy or failing Sinch (429, 5xx, no answer) gets the message again later; any other
/// refusal fails it with Sinch's own words. Without Sinch settings it carries nothing: SMS wait on the outbox.
/// </summary>
public sealed class SinchSmsGateway(SmsSettings sms, IHttpClientFactory httpClients) : IMessageGateway
{
    private const int MaxAnswerLength = 1000;

    public bool Carries(string type) => type == MessageTypes.Sms && sms.Sinch is not null;

    public async Task<IReadOnlyList<DeliveryAttempt>> SendAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = sms.Sinch ?? throw new InvalidOperationException($"{SinchSettings.Section} is not configured; this gateway carries nothing.");
        var client = httpClients.CreateClient(SinchSettings.HttpClientName);
        var attempts = new List<DeliveryAttempt>(messages.Count);
        foreach (var message in messages)
        {
            attempts.Add(await SendAsync(client, settings, message, cancellationToken));
        }

        return attempts;
    }

    private static async Task<DeliveryAttempt> SendAsync(HttpClient client, SinchSettings settings, OutboundMessage message, CancellationToken cancellationToken)
    {
        var batch = new SinchBatch(settings.From, [message.ReceiverAddress], message.Content, "per_recipient", settings.CallbackUrl?.ToString(), message.Id.ToString());
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.BatchesUrl) { Content = JsonContent.Create(batch, options: SinchJson.Options) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiToken);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryAttempt(AttemptResult.Accepted, SinchJson.BatchId(body) ?? Clip($"{(int)response.StatusCode} without a batch id: {body}"));
            }

            var answer = Clip($"{(int)response.StatusCode} {SinchJson.ErrorText(body) ?? response.ReasonPhrase}");
            var busy = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
            return new DeliveryAttempt(busy ? AttemptResult.TryAgain : AttemptResult.Refused, answer);
        }
        catch (HttpRequestException unreachable)
        {
            return new DeliveryAttempt(AttemptResult.TryAgain, Clip($"Sinch at {settings.BaseUrl} could not be reached: {unreachable.Message}"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(AttemptResult.TryAgain, $"Sinch at {settings.BaseUrl} did not answer within {settings.Timeout.TotalSeconds:0} s");
        }
    }

    private static string Clip(string text) => text.Length <= MaxAnswerLength ? text : text[..MaxAnswerLength];

    /// <summary>The body of <c>POST /xms/v1/{servicePlanId}/batches</c>, as much of it as Touchpoint uses.</summary>
    private sealed record SinchBatch(
        string From,
        IReadOnlyList<string> To,
        string Body,
        string DeliveryReport,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CallbackUrl,
        string ClientReference);
}

/// <summary>Sinch's JSON: snake_case names; errors are <c>{"code": "…", "text": "…"}</c>.</summary>
internal static class SinchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string? BatchId(string body) => Property(body, "id");

    /// <summary><c>400 syntax_invalid_parameter_format: …</c> from Sinch's error body; null when it is not one.</summary>
    public static string? ErrorText(string body) =>
        Property(body, "text") is { } text ? (Property(body, "code") is { } code ? $"{code}: {text}" : text) : null;

    private static string? Property(string body, string name)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
