using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// A webhook listener (a TMF621 hub's callback) on a loopback port: answers every POST, on any path, with the status
/// <see cref="Answer"/> gives for its body, and keeps what came in the order it came.
/// </summary>
public sealed class TestHubListener : IAsyncDisposable
{
    private readonly ConcurrentQueue<Delivery> received = new();
    private WebApplication? app;

    public sealed record Delivery(string Path, string Body, int Status);

    public Func<string, int> Answer { get; set; } = _ => 200;

    public IReadOnlyList<Delivery> Received => [.. received];

    public static async Task<TestHubListener> StartAsync(int port)
    {
        var listener = new TestHubListener();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        listener.app = builder.Build();
        listener.app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var status = listener.Answer(body);
            listener.received.Enqueue(new Delivery(request.Path, body, status));
            return Results.StatusCode(status);
        });
        await listener.app.StartAsync(TestContext.Current.CancellationToken);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
