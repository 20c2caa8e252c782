using System.Text;
using System.Threading.Channels;
using Npgsql;
using Touchpoint.Data;

namespace Touchpoint.Features.Live;

/// <summary>
/// Carries the <see cref="ChangeFeed"/> between nodes sharing one PostgreSQL database: every publish made here is sent
/// as a <c>NOTIFY</c>, and every other node's is received by <c>LISTEN</c> and published here. Each node names itself
/// in what it sends and ignores its own. Without PostgreSQL (the embedded SQLite default is one node) it does nothing.
/// </summary>
public sealed partial class PostgresChangeRelay(ChangeFeed feed, DatabaseSettings database, TimeProvider clock, ILogger<PostgresChangeRelay> logger)
    : BackgroundService
{
    public const string ChannelName = "touchpoint_changes";

    // PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.
    private const int MaxPayloadBytes = 7000;

    private readonly string node = Guid.NewGuid().ToString("N");
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<IReadOnlyCollection<string>> outgoing = Channel.CreateBounded<IReadOnlyCollection<string>>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Completes once this node listens: changes committed elsewhere from then on reach it.</summary>
    public Task Listening => listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        void Enqueue(IReadOnlyCollection<string> topics) => outgoing.Writer.TryWrite(topics);
        feed.PublishedHere += Enqueue;
        try
        {
            await Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            feed.PublishedHere -= Enqueue;
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // LISTEN holds a session: through a pooler in transaction mode it needs a connection string of its own.
                await using var connection = new NpgsqlConnection(database.ForSessions);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, notification) => Received(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChannelName}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                listening.TrySetResult();

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (NpgsqlException failure)
            {
                LogListenFailed(failure);
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        await foreach (var topics in outgoing.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                foreach (var payload in Payloads(topics))
                {
                    await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                    notify.Parameters.AddWithValue("channel", ChannelName);
                    notify.Parameters.AddWithValue("payload", payload);
                    await notify.ExecuteNonQueryAsync(stoppingToken);
                }
            }
            catch (NpgsqlException failure)
            {
                // Other nodes' pages then show this change at their next reload; nothing is lost in the database.
                LogSendFailed(failure);
            }
        }
    }

    /// <summary>This node's name, then one topic per line (topics are ASCII), cut into payloads PostgreSQL takes.</summary>
    private IEnumerable<string> Payloads(IReadOnlyCollection<string> topics)
    {
        var payload = new StringBuilder(node);
        foreach (var topic in topics)
        {
            if (payload.Length + topic.Length + 1 > MaxPayloadBytes)
            {
                yield return payload.ToString();
                payload.Clear().Append(node);
            }

            payload.Append('\n').Append(topic);
        }

        yield return payload.ToString();
    }

    private void Received(string payload)
    {
        var lines = payload.Split('\n');
        if (lines.Length < 2 || lines[0] == node)
        {
            return;
        }

        feed.PublishFromElsewhere(lines[1..]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other nodes' changes failed; trying again in 5 s")]
    private partial void LogListenFailed(Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling other nodes of a change failed; their pages show it at their next reload")]
    private partial void LogSendFailed(Exception failure);
}
