using Microsoft.Extensions.Time.Testing;

namespace Touchpoint.Tests.Telephony;

/// <summary>
/// Plays the telephony platform in tests: the demo account <c>switch</c> (role Telephony) sends events to the queue
/// API, each with a fresh event id and the fake clock's time, as a switch would.
/// </summary>
internal sealed class SwitchDriver(HttpClient client, FakeTimeProvider clock) : IDisposable
{
    private int events;

    public HttpClient Client => client;

    public static async Task<SwitchDriver> StartAsync(TouchpointApp app, FakeTimeProvider clock) =>
        new(await app.CreateClientAsAsync("switch"), clock);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public string NextEventId() => $"ev-{Interlocked.Increment(ref events)}";

    public DateTimeOffset Now => clock.GetUtcNow();

    public Task<HttpResponseMessage> SendEnterAsync(string queueId, object body) =>
        client.PostAsJsonAsync($"/api/telephony/queues/{queueId}/calls", body, Cancel);

    public async Task<JsonElement> EnterAsync(string callId, string? number, string queueId = "customer-service", string? reason = null)
    {
        using var response = await SendEnterAsync(queueId, new { eventId = NextEventId(), callId, callerNumber = number, reason, at = Now });
        return await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    public async Task<JsonElement> StatusAsync(string callId)
    {
        using var response = await client.GetAsync($"/api/telephony/calls/{callId}", Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    public Task<HttpResponseMessage> SendAsync(string callId, string step, object body) =>
        client.PostAsJsonAsync($"/api/telephony/calls/{callId}/{step}", body, Cancel);

    public async Task<JsonElement> CallEventAsync(string callId, string step, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["eventId"] = NextEventId(), ["at"] = Now };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        using var response = await SendAsync(callId, step, body);
        return await HttpAssert.JsonAsync(response);
    }

    public Task<JsonElement> ConnectAsync(string callId, string agentUserId) => CallEventAsync(callId, "connect", new { agentUserId });

    public Task<JsonElement> EndAsync(string callId) => CallEventAsync(callId, "end");

    public Task<JsonElement> AcceptCallbackAsync(string callId) => CallEventAsync(callId, "callback");

    public Task<JsonElement> AttemptAsync(string callId, string outcome) => CallEventAsync(callId, "callback-attempts", new { outcome });

    public Task<HttpResponseMessage> SendAgentStateAsync(string userId, object body) =>
        client.PutAsJsonAsync($"/api/telephony/agents/{userId}/state", body, Cancel);

    public async Task<JsonElement> AgentStateAsync(string userId, string state)
    {
        using var response = await SendAgentStateAsync(userId, new { eventId = NextEventId(), state, at = Now });
        return await HttpAssert.JsonAsync(response);
    }

    public void Dispose() => client.Dispose();
}
