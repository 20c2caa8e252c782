using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>How the test Sinch answers the next batch it is sent.</summary>
public enum SinchBehaviour
{
    /// <summary>201 with the batch, as Sinch does.</summary>
    Accept,

    /// <summary>503: Sinch is down for a while.</summary>
    Unavailable,

    /// <summary>429: too many requests; Sinch asks the sender to slow down.</summary>
    TooManyRequests,

    /// <summary>Takes the request and never answers: the sender's timeout must end the attempt.</summary>
    Hang,

    /// <summary>400 with Sinch's error body: the batch is wrong and will stay wrong.</summary>
    Refuse,
}

/// <summary>One <c>POST /xms/v1/{servicePlanId}/batches</c> as Sinch received it.</summary>
public sealed record SinchBatchRequest(string ServicePlanId, string? Authorization, JsonElement Body, string? BatchId)
{
    public string From => Body.GetProperty("from").GetString()!;
    public IReadOnlyList<string> To => [.. Body.GetProperty("to").EnumerateArray().Select(t => t.GetString()!)];
    public string Text => Body.GetProperty("body").GetString()!;
    public string? ClientReference => Body.TryGetProperty("client_reference", out var reference) ? reference.GetString() : null;
}

/// <summary>
/// Sinch's SMS REST API (the batches endpoint) on a loopback port in the test process, over real HTTP with Kestrel:
/// it checks the bearer token, keeps what it was sent and answers as told. It also signs callbacks the way Sinch
/// does, written here from Sinch's description rather than borrowed from Touchpoint, so the two are checked
/// against each other.
/// </summary>
public sealed class TestSinchServer : IAsyncDisposable
{
    public const string ServicePlanId = "tp-plan-01";
    public const string ApiToken = "sinch-test-token";
    public const string From = "+46700900900";
    public const string WebhookSecret = "sinch-webhook-secret";
    public const string CallbackBaseUrl = "https://care.touchpoint.test";

    private readonly ConcurrentQueue<SinchBehaviour> next = new();
    private readonly ConcurrentQueue<SinchBatchRequest> received = new();
    private readonly WebApplication app;
    private int batches;

    private TestSinchServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapPost("/xms/v1/{servicePlanId}/batches", Batch);
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every batch sent, in order, including those answered with an error.</summary>
    public IReadOnlyList<SinchBatchRequest> Received => [.. received];

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Touchpoint:Sms:Sinch:BaseUrl"] = BaseUrl.ToString(),
        ["Touchpoint:Sms:Sinch:ServicePlanId"] = ServicePlanId,
        ["Touchpoint:Sms:Sinch:ApiToken"] = ApiToken,
        ["Touchpoint:Sms:Sinch:From"] = From,
        ["Touchpoint:Sms:Sinch:WebhookSecret"] = WebhookSecret,
        ["Touchpoint:Sms:Sinch:CallbackBaseUrl"] = CallbackBaseUrl,
        ["Touchpoint:Sms:Sinch:TimeoutSeconds"] = "2",
    };

    public static async Task<TestSinchServer> StartAsync()
    {
        var server = new TestSinchServer();
        await server.app.StartAsync(TestContext.Current.CancellationToken);
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>The next batches get these answers, one each; after them, batches are accepted.</summary>
    public void Then(params SinchBehaviour[] behaviours)
    {
        foreach (var behaviour in behaviours)
        {
            next.Enqueue(behaviour);
        }
    }

    /// <summary>The headers Sinch signs a callback with: <c>Base64(HMAC-SHA256(secret, body.nonce.timestamp))</c>.</summary>
    public static Dictionary<string, string> SignatureHeaders(string body, DateTimeOffset at, string secret = WebhookSecret)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{body}.{nonce}.{timestamp}")));
        return new Dictionary<string, string>
        {
            ["x-sinch-webhook-signature-timestamp"] = timestamp,
            ["x-sinch-webhook-signature-nonce"] = nonce,
            ["x-sinch-webhook-signature-algorithm"] = "HmacSHA256",
            ["x-sinch-webhook-signature"] = signature,
        };
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<IResult> Batch(string servicePlanId, HttpRequest request)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
        var authorization = request.Headers.Authorization.ToString();
        if (authorization != $"Bearer {ApiToken}")
        {
            received.Enqueue(new SinchBatchRequest(servicePlanId, authorization, body, null));
            return Results.Json(new { code = "unauthorized", text = "Invalid credentials" }, statusCode: 401);
        }

        var behaviour = next.TryDequeue(out var told) ? told : SinchBehaviour.Accept;
        var batchId = behaviour == SinchBehaviour.Accept ? $"01TESTBATCH{Interlocked.Increment(ref batches):D15}" : null;
        received.Enqueue(new SinchBatchRequest(servicePlanId, authorization, body, batchId));
        if (behaviour == SinchBehaviour.Hang)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, request.HttpContext.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up, as it should.
            }

            return Results.Empty;
        }

        return behaviour switch
        {
            SinchBehaviour.Unavailable => Results.Text("Service Unavailable", statusCode: 503),
            SinchBehaviour.TooManyRequests => Results.Json(new { code = "too_many_requests", text = "Slow down" }, statusCode: 429),
            SinchBehaviour.Refuse => Results.Json(new { code = "syntax_invalid_parameter_format", text = "Parameter 'to' has an invalid format" }, statusCode: 400),
            _ => Results.Json(new
            {
                id = batchId,
                to = body.GetProperty("to"),
                from = body.GetProperty("from").GetString(),
                canceled = false,
                body = body.GetProperty("body").GetString(),
                type = "mt_text",
                client_reference = body.TryGetProperty("client_reference", out var reference) ? reference.GetString() : null,
            }, statusCode: 201),
        };
    }
}
