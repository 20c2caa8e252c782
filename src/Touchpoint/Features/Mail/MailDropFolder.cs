using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Mail;

/// <summary>
/// Reads <c>.eml</c> files dropped into the incoming folder, the embedded default's stand-in for a mailbox, run by the
/// <see cref="DueWatcher"/>. A file is claimed by moving it aside (two nodes never read one file), received, then
/// moved to <c>processed/</c>, or to <c>refused/</c> with a <c>.reason.txt</c> beside it when it cannot be read.
/// A file whose receiving failed goes back to be read again; one left claimed by a node that stopped is taken back
/// once its claim is older than <see cref="ClaimLease"/>, so no mail is lost in <c>.claimed/</c>.
/// </summary>
public sealed class MailDropFolder(IServiceScopeFactory scopes, MailSettings settings) : IDueWork
{
    /// <summary>Far longer than receiving one message takes, even the largest allowed.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

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
        var files = Directory.EnumerateFiles(settings.IncomingFolder, "*.eml").Order(StringComparer.Ordinal).Take(limit).ToList();
        var handled = 0;
        foreach (var file in files)
        {
            var claimed = Path.Combine(claimedFolder, Path.GetFileName(file));
            try
            {
                File.Move(file, claimed);
                // The claim's time, on the clock the lease is judged by.
                File.SetLastWriteTimeUtc(claimed, now);
            }
            catch (IOException)
            {
                continue; // Another node took it.
            }

            handled++;
            InboundResult result;
            try
            {
                result = await ReceiveAsync(claimed, cancellationToken);
            }
            catch
            {
                // The database or the disk failed, not the mail: it is read again on a later round.
                File.Move(claimed, file, overwrite: false);
                throw;
            }

            var target = result.Outcome == InboundOutcome.Refused ? RefusedFolder : ProcessedFolder;
            Directory.CreateDirectory(target);
            var kept = Path.Combine(target, Path.GetFileName(file));
            File.Move(claimed, kept, overwrite: true);
            if (result.Outcome == InboundOutcome.Refused)
            {
                await File.WriteAllTextAsync(kept + ".reason.txt", result.Detail + Environment.NewLine, cancellationToken);
            }
        }

        return handled;
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

    private async Task<InboundResult> ReceiveAsync(string path, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        if (size > settings.MaxMessageBytes)
        {
            return new InboundResult(InboundOutcome.Refused, $"{size / (1024 * 1024)} MB is over the {settings.MaxMessageBytes / (1024 * 1024)} MB limit for one message");
        }

        // A scope per message: one message's failure or tracked rows never touch the next.
        await using var scope = scopes.CreateAsyncScope();
        await using var stream = File.OpenRead(path);
        return await scope.ServiceProvider.GetRequiredService<InboundMail>().ReceiveAsync(stream, $"drop folder: {Path.GetFileName(path)}", cancellationToken);
    }
}
