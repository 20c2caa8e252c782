using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using System.Net.Sockets;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Mail;

/// <param name="Received">Messages read and stored (or found stored before).</param>
/// <param name="Refused">Messages left flagged in the mailbox because they cannot be read or are too large.</param>
/// <param name="Error">Why the mailbox could not be read at all; null when it was.</param>
public sealed record ImapRun(int Received, int Refused, string? Error);

/// <summary>
/// Reads the customers' mail from an IMAP mailbox (<c>Touchpoint:Mail:Imap:*</c>): every unseen message in the folder
/// is received and then marked seen, so a crash in between only means it is read again, and stored once (by Message-ID).
/// A message that cannot be read or is over the size limit is flagged and left for a person to look at.
/// </summary>
public sealed class ImapInbox(IServiceScopeFactory scopes, MailSettings settings)
{
    public async Task<ImapRun> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (settings.Imap is not { } server)
        {
            return new ImapRun(0, 0, "no IMAP server is configured");
        }

        using var client = new ImapClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await ConnectAsync(client, server, cancellationToken);
            IMailFolder folder;
            try
            {
                folder = await client.GetFolderAsync(settings.ImapFolder, cancellationToken);
            }
            catch (FolderNotFoundException)
            {
                var existing = await client.GetFoldersAsync(client.PersonalNamespaces[0], cancellationToken: cancellationToken);
                return new ImapRun(0, 0,
                    $"{MailSettings.Section}:Imap:Folder '{settings.ImapFolder}' does not exist on {server.Host}; it has {string.Join(", ", existing.Select(f => f.FullName).Prepend("INBOX").Distinct())}");
            }

            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            var (received, refused) = await ReceiveUnseenAsync(folder, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new ImapRun(received, refused, null);
        }
        catch (Exception failure) when (failure is SocketException or IOException or ImapProtocolException or ImapCommandException
                                            or AuthenticationException or SslHandshakeException or TimeoutException
                                        || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ImapRun(0, 0, $"{server.Host}:{server.Port}: {failure.Message}");
        }
    }

    /// <summary>Waits until the mailbox has new mail (IMAP IDLE) or <paramref name="atMost"/> passes; polls where IDLE is not offered.</summary>
    public async Task WaitForMailAsync(TimeSpan atMost, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (settings.Imap is not { } server)
        {
            return;
        }

        using var client = new ImapClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await ConnectAsync(client, server, cancellationToken);
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
            await Task.Delay(atMost, clock, cancellationToken);
            return;
        }

        var folder = await client.GetFolderAsync(settings.ImapFolder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        done.CancelAfter(atMost);
        folder.CountChanged += (_, _) => done.Cancel();
        await client.IdleAsync(done.Token, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static async Task ConnectAsync(ImapClient client, MailServer server, CancellationToken cancellationToken)
    {
        await client.ConnectAsync(server.Host, server.Port, server.Security, cancellationToken);
        if (server.UserName is { } userName)
        {
            await client.AuthenticateAsync(userName, server.Password ?? "", cancellationToken);
        }
    }

    /// <summary>
    /// Receives the unseen messages in batches of <see cref="DueWatcher.BatchSize"/>, then marks what was stored (or
    /// stored before) seen and what cannot be read flagged, each with one command per batch. A message that could not
    /// be stored stays unseen, to be read again on the next run; the run then fails, so the watcher says so.
    /// </summary>
    private async Task<(int Received, int Refused)> ReceiveUnseenAsync(IMailFolder folder, CancellationToken cancellationToken)
    {
        var (received, refused) = (0, 0);
        var failures = new List<InboundResult>();
        var unseen = await folder.SearchAsync(SearchQuery.NotSeen.And(SearchQuery.NotFlagged), cancellationToken);
        var summaries = await folder.FetchAsync(unseen, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken);
        foreach (var chunk in summaries.Chunk(DueWatcher.BatchSize))
        {
            var seen = new List<UniqueId>(chunk.Length);
            var flagged = new List<UniqueId>();
            var batch = new List<(UniqueId Uid, ArrivedMail Mail)>(chunk.Length);
            try
            {
                foreach (var summary in chunk)
                {
                    if (summary.Size > settings.MaxMessageBytes)
                    {
                        flagged.Add(summary.UniqueId);
                        continue;
                    }

                    var message = await folder.GetMessageAsync(summary.UniqueId, cancellationToken);
                    batch.Add((summary.UniqueId, new ArrivedMail(message, $"IMAP {settings.ImapFolder} UID {summary.UniqueId.Id}")));
                }

                await using var scope = scopes.CreateAsyncScope();
                var results = await scope.ServiceProvider.GetRequiredService<InboundMail>().ReceiveAsync(batch.ConvertAll(b => b.Mail), cancellationToken);
                for (var i = 0; i < batch.Count; i++)
                {
                    switch (results[i].Outcome)
                    {
                        case InboundOutcome.Refused:
                            flagged.Add(batch[i].Uid);
                            break;
                        case InboundOutcome.Failed:
                            failures.Add(results[i]);
                            break;
                        default:
                            seen.Add(batch[i].Uid);
                            break;
                    }
                }
            }
            finally
            {
                foreach (var (_, mail) in batch)
                {
                    mail.Message.Dispose();
                }
            }

            if (flagged.Count > 0)
            {
                await folder.AddFlagsAsync(flagged, MessageFlags.Flagged, silent: true, cancellationToken);
            }

            if (seen.Count > 0)
            {
                await folder.AddFlagsAsync(seen, MessageFlags.Seen, silent: true, cancellationToken);
            }

            (received, refused) = (received + seen.Count, refused + flagged.Count);
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException(
                $"{failures.Count} of {summaries.Count} messages in {settings.ImapFolder} could not be stored and are left unseen to be read again; the first: {failures[0].Detail}", failures[0].Failure);
        }

        return (received, refused);
    }
}

/// <summary>Keeps reading the IMAP mailbox while Touchpoint runs: a run, then IDLE until new mail (at most 9 minutes, as RFC 2177 advises).</summary>
public sealed partial class ImapInboxWatcher(ImapInbox inbox, TimeProvider clock, ILogger<ImapInboxWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var run = await inbox.ReceiveAsync(stoppingToken);
                if (run.Error is { } error)
                {
                    LogUnreadable(error);
                    await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
                    continue;
                }

                await inbox.WaitForMailAsync(TimeSpan.FromMinutes(9), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The mailbox must keep being read after one failure.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                LogFailed(failure);
                await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The IMAP mailbox cannot be read: {Error}")]
    private partial void LogUnreadable(string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the IMAP mailbox failed; trying again in a minute.")]
    private partial void LogFailed(Exception failure);
}
