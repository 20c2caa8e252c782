using System.Net;
using System.Text;
using MimeKit;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Mail;

/// <summary>
/// Turns an outbox message into the e-mail that is sent: plain text and HTML from one template, the case reference
/// in the subject, threading headers on replies, and <c>Auto-Submitted: auto-generated</c> on what Touchpoint wrote
/// by itself so that the customer's auto-responder does not answer it (RFC 3834).
/// </summary>
public static class OutgoingMail
{
    /// <summary>The Message-ID a message is sent under; the same on every attempt.</summary>
    public static string MessageIdFor(OutboundMessage message, string domain)
    {
        ArgumentNullException.ThrowIfNull(message);
        return $"{message.Id:N}@{domain}";
    }

    /// <summary>The customer's message's References plus its own id, keeping the newest when the list grows too long.</summary>
    public static string Thread(InboundMessage last)
    {
        ArgumentNullException.ThrowIfNull(last);
        var ids = (last.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(last.MessageId).Distinct().ToList();
        while (ids.Count > 1 && ids.Sum(id => id.Length + 1) > OutboundMessage.MaxReferencesLength)
        {
            ids.RemoveAt(ids.Count > 2 ? 1 : 0);
        }

        return string.Join(' ', ids);
    }

    /// <summary>The subject with the case reference in brackets, as replies will quote it back.</summary>
    public static string Subject(string subject, string? caseReference)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return caseReference is null || subject.Contains($"[{caseReference}]", StringComparison.OrdinalIgnoreCase)
            ? subject
            : $"{subject} [{caseReference}]";
    }

    /// <summary>The e-mail for <paramref name="message"/>; what Touchpoint adds to its text is in the message's language.</summary>
    public static MimeMessage Compose(OutboundMessage message, MailSettings settings, CustomerVoices voices)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(voices);
        var voice = voices.In(PreferredLanguages.IsSupported(message.Language) ? message.Language : PreferredLanguages.English, null);
        var mail = new MimeMessage
        {
            MessageId = message.MessageId ?? MessageIdFor(message, settings.MessageIdDomain),
            Date = new DateTimeOffset(DateTime.SpecifyKind(message.CreatedAt, DateTimeKind.Utc)),
            Subject = Subject(message.Subject, message.CaseReference),
        };
        mail.From.Add(new MailboxAddress(settings.From.Name, settings.From.Address));
        mail.To.Add(new MailboxAddress(message.ReceiverName, message.ReceiverAddress));
        if (message.InReplyTo is { } inReplyTo)
        {
            mail.InReplyTo = inReplyTo;
        }

        foreach (var reference in (message.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            mail.References.Add(reference);
        }

        if (message.Automatic)
        {
            // RFC 3834: a receipt answers the customer's message; everything else automatic is generated on its own.
            mail.Headers.Add("Auto-Submitted", message.Purpose == MessagePurposes.CaseAcknowledgement ? "auto-replied" : "auto-generated");
        }

        var body = new MultipartAlternative
        {
            new TextPart("plain") { Text = PlainText(message, settings, voice) },
            new TextPart("html") { Text = Html(message, settings, voice) },
        };
        mail.Body = message.Attachments.Count == 0 ? body : WithAttachments(body, message.Attachments);
        return mail;
    }

    private static Multipart WithAttachments(MultipartAlternative body, IEnumerable<OutboundAttachment> attachments)
    {
        var mixed = new Multipart("mixed") { body };
        foreach (var attachment in attachments)
        {
            mixed.Add(new MimePart(ContentType.Parse(attachment.ContentType))
            {
                Content = new MimeContent(new MemoryStream(attachment.Content)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = attachment.FileName,
            });
        }

        return mixed;
    }

    private static string PlainText(OutboundMessage message, MailSettings settings, CustomerVoice voice)
    {
        var text = new StringBuilder();
        text.Append(message.Content.TrimEnd()).Append("\n\n-- \n").Append(settings.From.Name);
        if (message.CaseReference is { } reference)
        {
            text.Append('\n').Append(voice.Text("Mail.KeepReference", reference));
        }

        return text.ToString();
    }

    private static string Html(OutboundMessage message, MailSettings settings, CustomerVoice voice)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(voice.Language).Append("\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(message.Subject))
            .Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5;color:#222\">");
        foreach (var paragraph in message.Content.Trim().Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph.Trim()).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }

        html.Append("<p style=\"color:#666;border-top:1px solid #ddd;padding-top:8px\">").Append(WebUtility.HtmlEncode(settings.From.Name));
        if (message.CaseReference is { } reference)
        {
            html.Append("<br>").Append(WebUtility.HtmlEncode(voice.Text("Mail.KeepReference", reference)));
        }

        return html.Append("</p></body></html>").ToString();
    }
}
