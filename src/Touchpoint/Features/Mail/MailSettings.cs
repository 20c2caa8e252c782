using System.Globalization;
using MailKit.Security;
using MimeKit;
using Touchpoint.Data;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Mail;

/// <summary>A mail server to talk to: SMTP for sending, IMAP for reading the customers' mail.</summary>
public sealed record MailServer(string Host, int Port, SecureSocketOptions Security, string? UserName, string? Password);

/// <summary>
/// How Touchpoint sends and receives e-mail, from <c>Touchpoint:Mail:*</c>. With no server configured mail stays on
/// this machine: outgoing messages are written as <c>.eml</c> files to <see cref="OutgoingFolder"/> and <c>.eml</c>
/// files dropped into <see cref="IncomingFolder"/> are read as if they had arrived, so the demo works offline.
/// </summary>
/// <param name="Smtp"><c>Touchpoint:Mail:Smtp:Host</c> (and Port, Security, UserName, Password); null to write files instead.</param>
/// <param name="Imap"><c>Touchpoint:Mail:Imap:Host</c> (and Port, Security, UserName, Password); null to read the drop folder.</param>
/// <param name="ImapFolder">The mailbox folder customers' mail arrives in; INBOX unless set.</param>
/// <param name="Timeout">How long a server gets to answer before the attempt counts as failed and is retried.</param>
public sealed record MailSettings(
    MailboxAddress From,
    string MessageIdDomain,
    MailServer? Smtp,
    MailServer? Imap,
    string ImapFolder,
    string OutgoingFolder,
    string IncomingFolder,
    TimeSpan Timeout,
    long MaxMessageBytes,
    long MaxAttachmentBytes)
{
    public const string Section = "Touchpoint:Mail";
    public const string SmtpHostKey = Section + ":Smtp:Host";
    public const string ImapHostKey = Section + ":Imap:Host";

    public static MailSettings FromConfiguration(IConfiguration configuration, DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        var mail = configuration.GetSection(Section);
        var fromText = mail["FromAddress"] is { Length: > 0 } configured ? configured : "customer-care@touchpoint.example";
        if (!MailboxAddress.TryParse(fromText, out var from) || from.Address.IndexOf('@', StringComparison.Ordinal) < 1)
        {
            throw new StartupException($"{Section}:FromAddress is '{fromText}', which is not an e-mail address.");
        }

        from.Name = mail["FromName"] is { Length: > 0 } name ? name : MessageOutbox.SenderName;
        var mailFolder = Path.Combine(database.DataDirectory, "mail");
        return new MailSettings(
            from,
            MessageIdDomain: from.Domain,
            Smtp: Server(mail.GetSection("Smtp"), defaultPort: 587),
            Imap: Server(mail.GetSection("Imap"), defaultPort: 993),
            ImapFolder: mail["Imap:Folder"] is { Length: > 0 } folder ? folder : "INBOX",
            OutgoingFolder: Path.GetFullPath(mail["OutgoingFolder"] is { Length: > 0 } outgoing ? outgoing : Path.Combine(mailFolder, "outgoing")),
            IncomingFolder: Path.GetFullPath(mail["IncomingFolder"] is { Length: > 0 } incoming ? incoming : Path.Combine(mailFolder, "incoming")),
            Timeout: TimeSpan.FromSeconds(Positive(mail, "TimeoutSeconds", 60)),
            MaxMessageBytes: Positive(mail, "MaxMessageBytes", 30L * 1024 * 1024),
            MaxAttachmentBytes: Positive(mail, "MaxAttachmentBytes", 10L * 1024 * 1024));
    }

    private static MailServer? Server(IConfigurationSection server, int defaultPort)
    {
        if (server["Host"] is not { Length: > 0 } host)
        {
            return null;
        }

        var port = (int)Positive(server, "Port", defaultPort);
        if (port > 65535)
        {
            throw new StartupException($"{server.Path}:Port is {port}; a port is at most 65535.");
        }

        var security = SecureSocketOptions.Auto;
        if (server["Security"] is { Length: > 0 } text && !Enum.TryParse(text, ignoreCase: true, out security))
        {
            throw new StartupException(
                $"{server.Path}:Security is '{text}'; use one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}.");
        }

        return new MailServer(host, port, security, server["UserName"] is { Length: > 0 } user ? user : null, server["Password"]);
    }

    private static long Positive(IConfiguration section, string key, long fallback)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new StartupException($"{(section as IConfigurationSection)?.Path}:{key} is '{text}'; it must be a whole number above zero.");
    }
}

/// <summary>Reads the mail settings as the server starts, so a wrong one stops it with one sentence instead of failing every delivery.</summary>
internal sealed class MailSettingsCheck(MailSettings settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = settings.From;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
