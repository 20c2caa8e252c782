using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Touchpoint.Bench.Mail;

/// <summary>
/// A real SMTP server (the SmtpServer library, as the tests use) on a free loopback port in the benchmark's process. It
/// takes every message and only counts it, so both sides measure the sender, not what a relay does with the mail.
/// Its sockets send each reply at once (no Nagle): the library writes the replies to a pipelined MAIL, RCPT and DATA
/// one by one, and with Nagle's algorithm the second waited for the client's delayed ACK, 40 ms per message on Linux,
/// which capped any sender at about 22 messages/s. A production relay answers a pipelined group in one write.
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
        services.Add(new NoDelayListenerFactory());
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

    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new NoDelayListener(listener);
        }
    }

    private sealed class NoDelayListener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var socket = await listener.AcceptSocketAsync(cancellationToken);
            socket.NoDelay = true;
            return new PlainPipe(new NetworkStream(socket, ownsSocket: true));
        }

        public void Dispose() => listener.Stop();
    }

    /// <summary>The connection without TLS, which the benchmark does not use.</summary>
    private sealed class PlainPipe(NetworkStream stream) : ISecurableDuplexPipe
    {
        public PipeReader Input { get; } = PipeReader.Create(stream);

        public PipeWriter Output { get; } = PipeWriter.Create(stream);

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The benchmark's SMTP server speaks without TLS.");

        public void Dispose() => stream.Dispose();
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
