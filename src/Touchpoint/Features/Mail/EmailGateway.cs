using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Mail;

/// <summary>Carries the outbox's e-mails: composed from each message, handed to the configured transport.</summary>
public sealed class EmailGateway(MailSettings settings, IMailTransport transport, CustomerVoices voices) : IMessageGateway
{
    public bool Carries(string type) => type == MessageTypes.Email;

    public Task<IReadOnlyList<DeliveryAttempt>> SendAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return transport.SendAsync([.. messages.Select(m => OutgoingMail.Compose(m, settings, voices))], cancellationToken);
    }

    /// <summary>SMTP when a server is configured, else the outgoing folder.</summary>
    public static IMailTransport Transport(MailSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Smtp is { } server ? new SmtpTransport(server, settings.Timeout) : new PickupFolderTransport(settings.OutgoingFolder);
    }
}
