using System.Buffers;
using System.Globalization;
using System.Net;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>How the test server answers the next message it is given.</summary>
public enum SmtpBehaviour
{
    Accept,

    /// <summary>451: try again later.</summary>
    Defer,

    /// <summary>550: refused for good.</summary>
    Refuse,

    /// <summary>Takes the message, then never answers: the sender's timeout must end the attempt.</summary>
    Hang,
}

/// <summary>
/// A real SMTP server (the SmtpServer library) on a free loopback port, in the test process: Touchpoint talks SMTP
/// to it over TCP exactly as to a production relay. It keeps what it received, parsed by MimeKit, and can defer,
/// refuse, hang, stop and start again on the same port.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<SmtpBehaviour> next = new();
    private readonly ConcurrentQueue<MimeMessage> received = new();
    private CancellationTokenSource? running;
    private Task? serverTask;

    private TestSmtpServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>Every message taken, in order, including one taken by a server that then hung.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. received];

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Touchpoint:Mail:Smtp:Host"] = "127.0.0.1",
        ["Touchpoint:Mail:Smtp:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Touchpoint:Mail:Smtp:Security"] = "None",
        ["Touchpoint:Mail:TimeoutSeconds"] = "2",
    };

    public static TestSmtpServer Start()
    {
        var server = new TestSmtpServer(LoopbackPort.Free());
        server.Restart();
        return server;
    }

    /// <summary>The next messages get these answers, one each; after them, messages are accepted.</summary>
    public void Then(params SmtpBehaviour[] behaviours)
    {
        foreach (var behaviour in behaviours)
        {
            next.Enqueue(behaviour);
        }
    }

    /// <summary>Stops listening and drops every open session, as a server that goes down does.</summary>
    public async Task StopAsync()
    {
        if (running is null)
        {
            return;
        }

        await running.CancelAsync();
        try
        {
            await serverTask!;
        }
        catch (OperationCanceledException)
        {
        }

        running.Dispose();
        running = null;
    }

    /// <summary>Listens again on the same port.</summary>
    public void Restart()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        running = new CancellationTokenSource();
        serverTask = new SmtpServer.SmtpServer(options, services).StartAsync(running.Token);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var behaviour = server.next.TryDequeue(out var planned) ? planned : SmtpBehaviour.Accept;
            switch (behaviour)
            {
                case SmtpBehaviour.Defer:
                    return new SmtpResponse((SmtpReplyCode)451, "4.3.0 try again later");
                case SmtpBehaviour.Refuse:
                    return new SmtpResponse((SmtpReplyCode)550, "5.1.1 no such mailbox");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            server.received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            if (behaviour == SmtpBehaviour.Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return SmtpResponse.Ok;
        }
    }
}
