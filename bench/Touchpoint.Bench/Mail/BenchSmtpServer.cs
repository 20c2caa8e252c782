using System.Buffers;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Touchpoint.Bench.Mail;

/// <summary>
/// A real SMTP server (the SmtpServer library, as the tests use) on a free loopback port in the benchmark's process. It
/// takes every message and only counts it, so both sides measure the sender, not what a relay does with the mail.
/// </summary>
internal sealed class BenchSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource running = new();
    private readonly Task serving;
    private long received;

    public BenchSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.bench")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CountingStore(this));
        serving = new SmtpServer.SmtpServer(options, services).StartAsync(running.Token);
    }

    public int Port { get; }

    public long Received => Interlocked.Read(ref received);

    /// <summary>Touchpoint's settings for sending to this server.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Touchpoint:Mail:Smtp:Host"] = "127.0.0.1",
        ["Touchpoint:Mail:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Touchpoint:Mail:Smtp:Security"] = "None",
    };

    public async ValueTask DisposeAsync()
    {
        await running.CancelAsync();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
        }

        running.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class CountingStore(BenchSmtpServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref server.received);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
