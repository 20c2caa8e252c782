using MimeKit;
using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Mail;

/// <summary>
/// Reads <c>.eml</c> files dropped into the incoming folder, the embedded default's stand-in for a mailbox, run by the
/// <see cref="DueWatcher"/>. Files are claimed by moving them aside (two nodes never read one file), received as one
/// batch, then moved to <c>processed/</c>, or to <c>refused/</c> with a <c>.reason.txt</c> beside them when they cannot
/// be read. A file whose message could not be stored goes back to be read again; one left claimed by a node that
/// stopped is taken back once its claim is older than <see cref="ClaimLease"/>, so no mail is lost in <c>.claimed/</c>.
/// </summary>
public sealed class MailDropFolder(IServiceScopeFactory scopes, MailSettings settings) : IDueWork
{
    /// <summary>Far longer than receiving one batch takes, even of the largest messages allowed.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    /// <summary>How much mail one batch holds in memory at most; a larger message is a batch of its own.</summary>
    public const long BatchBytes = 64L * 1024 * 1024;

    public string Name => "mail drop folder";

    public string ProcessedFolder => Path.Combine(settings.IncomingFolder, "processed");

    public string RefusedFolder => Path.Combine(settings.IncomingFolder, "refused");

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.IncomingFolder))
        {
            return 0;
        }

        var claimedFolder = Path.Combine(settings.IncomingFolder, ".claimed");
        Directory.CreateDirectory(claimedFolder);
        TakeBackStaleClaims(claimedFolder, now);
        var claimed = Claim(claimedFolder, now, limit);
        var results = new InboundResult?[claimed.Count];
        var batch = new List<(int Index, ArrivedMail Mail)>(claimed.Count);
        try
        {
            for (var i = 0; i < claimed.Count; i++)
            {
                var (mail, refused) = await ReadAsync(claimed[i].Path, cancellationToken);
                if (mail is null)
                {
                    results[i] = refused;
                }
                else
                {
                    batch.Add((i, new ArrivedMail(mail, $"drop folder: {claimed[i].Name}")));
                }
            }

            if (batch.Count > 0)
            {
                // A scope per batch: its tracked rows never touch the next batch's.
                await using var scope = scopes.CreateAsyncScope();
                var received = await scope.ServiceProvider.GetRequiredService<InboundMail>().ReceiveAsync(batch.ConvertAll(b => b.Mail), cancellationToken);
                for (var i = 0; i < batch.Count; i++)
                {
                    results[batch[i].Index] = received[i];
                }
            }
        }
        catch
        {
            // The disk failed, or the run was stopped: every file is read again on a later round.
            foreach (var (path, name) in claimed)
            {
                File.Move(path, Path.Combine(settings.IncomingFolder, name), overwrite: false);
            }

            throw;
        }
        finally
        {
            foreach (var (_, mail) in batch)
            {
                mail.Message.Dispose();
            }
        }

        await AcknowledgeAsync(claimed, results, cancellationToken);
        return claimed.Count;
    }

    /// <summary>Claims up to <paramref name="limit"/> files by moving them aside, in name order, within <see cref="BatchBytes"/>.</summary>
    private List<(string Path, string Name)> Claim(string claimedFolder, DateTime now, int limit)
    {
        var claimed = new List<(string Path, string Name)>();
        var bytes = 0L;
        foreach (var file in Directory.EnumerateFiles(settings.IncomingFolder, "*.eml").Order(StringComparer.Ordinal))
        {
            if (claimed.Count >= limit)
            {
                break;
            }

            var name = Path.GetFileName(file);
            var path = Path.Combine(claimedFolder, name);
            try
            {
                var size = new FileInfo(file).Length;
                if (claimed.Count > 0 && bytes + Math.Min(size, settings.MaxMessageBytes) > BatchBytes)
                {
                    break;
                }

                File.Move(file, path);
                // The claim's time, on the clock the lease is judged by.
                File.SetLastWriteTimeUtc(path, now);
                bytes += Math.Min(size, settings.MaxMessageBytes);
            }
            catch (IOException)
            {
                continue; // Another node took it.
            }

            claimed.Add((path, name));
        }

        return claimed;
    }

    private void TakeBackStaleClaims(string claimedFolder, DateTime now)
    {
        foreach (var claimed in Directory.EnumerateFiles(claimedFolder, "*.eml"))
        {
            if (now - File.GetLastWriteTimeUtc(claimed) < ClaimLease)
            {
                continue;
            }

            try
            {
                File.Move(claimed, Path.Combine(settings.IncomingFolder, Path.GetFileName(claimed)), overwrite: false);
            }
            catch (IOException)
            {
                // Another node took it back first, or a new file of that name arrived: the next round sees it again.
            }
        }
    }

    /// <summary>The file's message, or why it is refused: too large, or not an e-mail.</summary>
    private async Task<(MimeMessage? Mail, InboundResult? Refused)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        if (size > settings.MaxMessageBytes)
        {
            return (null, new InboundResult(InboundOutcome.Refused, $"{size / (1024 * 1024)} MB is over the {settings.MaxMessageBytes / (1024 * 1024)} MB limit for one message"));
        }

        await using var stream = File.OpenRead(path);
        try
        {
            return (await MimeMessage.LoadAsync(stream, cancellationToken), null);
        }
        catch (FormatException malformed)
        {
            return (null, new InboundResult(InboundOutcome.Refused, $"not a readable e-mail: {malformed.Message}"));
        }
    }

    /// <summary>
    /// Moves each claimed file by what became of its message: stored (or stored before) to processed, refused to refused
    /// with the reason, and back to be read again when it was not received at all (the batch failed, or the
    /// database refused this one message). What was not stored is then reported to the watcher, which logs it.
    /// </summary>
    private async Task AcknowledgeAsync(List<(string Path, string Name)> claimed, InboundResult?[] results, CancellationToken cancellationToken)
    {
        var failures = new List<InboundResult>();
        for (var i = 0; i < claimed.Count; i++)
        {
            var (path, name) = claimed[i];
            if (results[i] is not { Outcome: not InboundOutcome.Failed } result)
            {
                File.Move(path, Path.Combine(settings.IncomingFolder, name), overwrite: false);
                if (results[i] is { } failed)
                {
                    failures.Add(failed);
                }

                continue;
            }

            var target = result.Outcome == InboundOutcome.Refused ? RefusedFolder : ProcessedFolder;
            Directory.CreateDirectory(target);
            var kept = Path.Combine(target, name);
            File.Move(path, kept, overwrite: true);
            if (result.Outcome == InboundOutcome.Refused)
            {
                await File.WriteAllTextAsync(kept + ".reason.txt", result.Detail + Environment.NewLine, cancellationToken);
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException(
                $"{failures.Count} of {claimed.Count} dropped messages could not be stored and are left to be read again; the first: {failures[0].Detail}", failures[0].Failure);
        }
    }
}
