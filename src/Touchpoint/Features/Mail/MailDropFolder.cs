using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Mail;

/// <summary>
/// Reads <c>.eml</c> files dropped into the incoming folder, the embedded default's stand-in for a mailbox, run by the
/// <see cref="DueWatcher"/>. A file is claimed by moving it aside (two nodes never read one file), received, then
/// moved to <c>processed/</c>, or to <c>refused/</c> with a <c>.reason.txt</c> beside it when it cannot be read.
/// </summary>
public sealed class MailDropFolder(IServiceScopeFactory scopes, MailSettings settings) : IDueWork
{
    public string Name => "mail drop folder";

    public string ProcessedFolder => Path.Combine(settings.IncomingFolder, "processed");

    public string RefusedFolder => Path.Combine(settings.IncomingFolder, "refused");

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.IncomingFolder))
        {
            return 0;
        }

        var files = Directory.EnumerateFiles(settings.IncomingFolder, "*.eml").Order(StringComparer.Ordinal).Take(limit).ToList();
        var claimedFolder = Path.Combine(settings.IncomingFolder, ".claimed");
        Directory.CreateDirectory(claimedFolder);
        var handled = 0;
        foreach (var file in files)
        {
            var claimed = Path.Combine(claimedFolder, Path.GetFileName(file));
            try
            {
                File.Move(file, claimed);
            }
            catch (IOException)
            {
                continue; // Another node took it.
            }

            handled++;
            var result = await ReceiveAsync(claimed, cancellationToken);
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
