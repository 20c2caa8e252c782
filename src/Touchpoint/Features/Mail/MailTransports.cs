using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Mail;

/// <summary>Hands composed e-mails on: to an SMTP server, or into the outgoing folder when none is configured.</summary>
public interface IMailTransport
{
    /// <summary>One attempt per mail, in the order given.</summary>
    Task<IReadOnlyList<DeliveryAttempt>> SendAsync(IReadOnlyList<MimeMessage> mails, CancellationToken cancellationToken);
}

/// <summary>
/// Writes each mail as <c>{Message-ID}.eml</c> in the outgoing folder, the embedded default's stand-in for a server.
/// Written to a temporary name and moved into place, so a reader never sees half a file; a retry overwrites the
/// same file, so a message is there once however often it was written.
/// </summary>
public sealed class PickupFolderTransport(string folder) : IMailTransport
{
    public async Task<IReadOnlyList<DeliveryAttempt>> SendAsync(IReadOnlyList<MimeMessage> mails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mails);
        Directory.CreateDirectory(folder);
        var attempts = new List<DeliveryAttempt>(mails.Count);
        foreach (var mail in mails)
        {
            var path = Path.Combine(folder, FileName(mail.MessageId ?? throw new ArgumentException("Every mail has a Message-ID.", nameof(mails))));
            var temporary = path + ".tmp";
            try
            {
                await mail.WriteToAsync(temporary, cancellationToken);
                File.Move(temporary, path, overwrite: true);
                attempts.Add(new DeliveryAttempt(AttemptResult.Accepted, $"written to {path}"));
            }
            catch (IOException exception)
            {
                attempts.Add(new DeliveryAttempt(AttemptResult.TryAgain, $"could not write {path}: {exception.Message}"));
            }
            catch (UnauthorizedAccessException exception)
            {
                attempts.Add(new DeliveryAttempt(AttemptResult.TryAgain, $"could not write {path}: {exception.Message}"));
            }
        }

        return attempts;
    }

    private static string FileName(string messageId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return string.Concat(messageId.Select(c => invalid.Contains(c) ? '_' : c)) + ".eml";
    }
}

/// <summary>
/// Sends over SMTP with MailKit, one connection per batch. A 5xx answer refuses that one mail for good; a 4xx answer
/// or a lost, refused or silent connection leaves it (and, for the connection, every mail after it) to be tried again.
/// </summary>
public sealed class SmtpTransport(MailServer server, TimeSpan timeout) : IMailTransport
{
    public async Task<IReadOnlyList<DeliveryAttempt>> SendAsync(IReadOnlyList<MimeMessage> mails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mails);
        var attempts = new List<DeliveryAttempt>(mails.Count);
        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(server.Host, server.Port, server.Security, cancellationToken);
            if (server.UserName is { } userName)
            {
                await client.AuthenticateAsync(userName, server.Password ?? "", cancellationToken);
            }

            foreach (var mail in mails)
            {
                try
                {
                    // MailKit gives the text of the server's 250 reply, e.g. "2.0.0 Ok: queued as 4Zx".
                    var answer = await client.SendAsync(mail, cancellationToken);
                    attempts.Add(new DeliveryAttempt(AttemptResult.Accepted, Clip($"250 {answer}")));
                }
                catch (SmtpCommandException refused)
                {
                    var permanent = (int)refused.StatusCode >= 500;
                    attempts.Add(new DeliveryAttempt(permanent ? AttemptResult.Refused : AttemptResult.TryAgain,
                        Clip($"{(int)refused.StatusCode} {refused.Message}")));
                }
            }

            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception lost) when (IsConnectionFailure(lost, cancellationToken))
        {
            var answer = Clip($"{server.Host}:{server.Port}: {Describe(lost)}");
            while (attempts.Count < mails.Count)
            {
                attempts.Add(new DeliveryAttempt(AttemptResult.TryAgain, answer));
            }
        }

        return attempts;
    }

    private static bool IsConnectionFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        SocketException or IOException or TimeoutException or SmtpProtocolException or SslHandshakeException
            or System.Security.Authentication.AuthenticationException or MailKit.Security.AuthenticationException or SmtpCommandException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException => true,
        _ => false,
    };

    private static string Describe(Exception exception) => exception switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {command.Message}",
        OperationCanceledException or TimeoutException => "the server did not answer in time",
        _ => exception.Message,
    };

    private static string Clip(string text) => text.Length <= 1000 ? text : text[..1000];
}
