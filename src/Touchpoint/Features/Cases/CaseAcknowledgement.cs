using Touchpoint.Data;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Cases;

/// <summary>
/// Where a case opened from a customer's own message is acknowledged: back to the address or number it came from, on
/// file, and for an e-mail in its thread.
/// </summary>
/// <param name="Channel">email or sms (<see cref="MessageTypes"/>).</param>
/// <param name="Subject">The subject the customer wrote, if any; the acknowledgement answers under it.</param>
public sealed record ArrivedFrom(string Channel, string Address, string? InReplyTo, string? References, string? Subject = null)
{
    public static ArrivedFrom Mail(InboundMessage mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return new ArrivedFrom(MessageTypes.Email, mail.FromAddress, mail.MessageId, OutgoingMail.Thread(mail), mail.Subject);
    }
}

/// <summary>
/// Tells a customer whose message opened a case that it arrived: its reference and when they will have an answer, in
/// their language and on their clock. It answers nothing, so it neither starts nor stops the first-response clock
/// (<see cref="MessagePurposes.IsContact"/>): only a person's reply does.
/// </summary>
public static class CaseAcknowledgement
{
    public static OutboundMessage Queue(TouchpointDbContext db, CustomerVoice voice, OpenedCase opened, ArrivedFrom from, DateTimeOffset answerBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(from);
        var @case = opened.Case;
        var answer = voice.Text("Ack.AnswerBy", voice.Time(answerBy.UtcDateTime));
        var (subject, content) = from.Channel == MessageTypes.Sms
            ? (voice["Ack.Subject"], $"{voice.Text("Ack.Sms", @case.Reference)} {answer}")
            : (string.IsNullOrWhiteSpace(from.Subject) ? voice["Ack.Subject"] : $"{voice["Ack.Subject"]}: {from.Subject}",
                string.Join("\n\n", voice.Text("Greeting", opened.Customer.Name), $"{voice.Text("Ack.Opened", @case.Reference)} {answer}", voice["Ack.AddMore"]));
        return MessageOutbox.Queue(db, new NewMessage(@case.CustomerId, opened.Customer.Name, from.Channel, from.Address, subject, content,
            MessagePurposes.CaseAcknowledgement)
        {
            CaseId = @case.Id,
            CaseReference = @case.Reference,
            InReplyTo = from.InReplyTo,
            References = from.References,
            Language = voice.Language,
        }, now);
    }
}
