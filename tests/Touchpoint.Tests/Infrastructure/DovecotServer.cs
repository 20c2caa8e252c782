using System.Diagnostics;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// A real IMAP server: Debian's dovecot, started in a temp folder on a free loopback port as the <c>dovecot</c> user
/// (dovecot refuses to keep root for mail), with plain-text logins over loopback. Each test gets a mailbox of its own
/// from <see cref="CreateMailboxAsync"/>; mail is put into it with IMAP APPEND, as a mail server's delivery would.
/// Without dovecot (apt-get install dovecot-imapd) the tests that need it are skipped with the reason.
/// </summary>
public sealed class DovecotServer : IAsyncLifetime
{
    private const string Binary = "/usr/sbin/dovecot";
    private const string ServiceUser = "dovecot";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly SemaphoreSlim users = new(1, 1);
    private Process? process;
    private string? root;

    public string? SkipReason { get; private set; }

    public int Port { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Binary))
        {
            SkipReason = $"dovecot not found at {Binary} (apt-get install dovecot-imapd).";
            return;
        }

        var asRoot = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        var user = asRoot ? ServiceUser : Environment.UserName;
        Port = LoopbackPort.Free();
        root = Directory.CreateTempSubdirectory("touchpoint-dovecot-").FullName;
        foreach (var folder in new[] { "run", "state", "mail" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
        }

        await File.WriteAllTextAsync(Path.Combine(root, "users"), "");
        await File.WriteAllTextAsync(Path.Combine(root, "dovecot.conf"), Configuration(root, user, Port));
        if (asRoot)
        {
            var chown = await ProcessRunner.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", root], StartTimeout);
            if (chown.ExitCode != 0)
            {
                throw new InvalidOperationException($"chown of {root} failed: {chown.StandardError}");
            }
        }

        var start = asRoot ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", ServiceUser, "--", Binary } } : new ProcessStartInfo(Binary);
        foreach (var argument in new[] { "-F", "-c", Path.Combine(root, "dovecot.conf") })
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        process = Process.Start(start) ?? throw new InvalidOperationException("dovecot did not start.");
        await WaitUntilListeningAsync();
    }

    public void SkipUnlessRunning() => Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");

    /// <summary>A new mailbox and its settings for Touchpoint (<c>Touchpoint:Mail:Imap:*</c>).</summary>
    public async Task<IReadOnlyDictionary<string, string?>> CreateMailboxAsync(string userName, string password = "mailbox-password")
    {
        await users.WaitAsync();
        try
        {
            await File.AppendAllTextAsync(Path.Combine(root!, "users"), $"{userName}:{{PLAIN}}{password}\n");
        }
        finally
        {
            users.Release();
        }

        return new Dictionary<string, string?>
        {
            ["Touchpoint:Mail:Imap:Host"] = "127.0.0.1",
            ["Touchpoint:Mail:Imap:Port"] = Port.ToString(CultureInfo.InvariantCulture),
            ["Touchpoint:Mail:Imap:Security"] = "None",
            ["Touchpoint:Mail:Imap:UserName"] = userName,
            ["Touchpoint:Mail:Imap:Password"] = password,
        };
    }

    /// <summary>Puts <paramref name="messages"/> into the mailbox's INBOX, unseen.</summary>
    public async Task AppendAsync(string userName, params MimeMessage[] messages)
    {
        using var client = await ConnectAsync(userName);
        foreach (var message in messages)
        {
            await client.Inbox.AppendAsync(message, MessageFlags.None);
        }

        await client.DisconnectAsync(quit: true);
    }

    /// <summary>The flags of every message in the mailbox's INBOX, in order.</summary>
    public async Task<IReadOnlyList<MessageFlags>> FlagsAsync(string userName)
    {
        using var client = await ConnectAsync(userName);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var summaries = await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Flags);
        await client.DisconnectAsync(quit: true);
        return [.. summaries.Select(s => s.Flags ?? MessageFlags.None)];
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        users.Dispose();
        if (root is not null)
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing a test run for.
            }
        }
    }

    private async Task<ImapClient> ConnectAsync(string userName)
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(userName, "mailbox-password");
        return client;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < StartTimeout && process is { HasExited: false })
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                var log = File.Exists(Path.Combine(root!, "dovecot.log")) ? await File.ReadAllTextAsync(Path.Combine(root!, "dovecot.log")) : "";
                throw new InvalidOperationException($"dovecot did not listen on {Port} within {StartTimeout}: {log}");
            }
        }
    }

    private static string Configuration(string root, string user, int port) => $$"""
        protocols = imap
        listen = 127.0.0.1
        base_dir = {{root}}/run
        state_dir = {{root}}/state
        log_path = {{root}}/dovecot.log
        ssl = no
        disable_plaintext_auth = no
        auth_mechanisms = plain login
        default_internal_user = {{user}}
        default_login_user = {{user}}
        default_internal_group = {{user}}
        first_valid_uid = 1
        first_valid_gid = 1
        mail_location = maildir:{{root}}/mail/%u
        passdb {
          driver = passwd-file
          args = scheme=PLAIN username_format=%u {{root}}/users
        }
        userdb {
          driver = static
          args = uid={{user}} gid={{user}} home={{root}}/mail/%u
        }
        service imap-login {
          chroot =
          inet_listener imap {
            address = 127.0.0.1
            port = {{port}}
          }
          inet_listener imaps {
            port = 0
          }
        }
        service anvil {
          chroot =
        }
        service pop3-login {
          chroot =
        }
        service submission-login {
          chroot =
        }
        """;
}
