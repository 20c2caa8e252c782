using System.Net;
using System.Text;
using MimeKit;
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

    /// <summary>The subject with the case reference in brackets, as replies will quote it back.</summary>
    public static string Subject(string subject, string? caseReference)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return caseReference is null || subject.Contains($"[{caseReference}]", StringComparison.OrdinalIgnoreCase)
            ? subject
            : $"{subject} [{caseReference}]";
    }

    public static MimeMessage Compose(OutboundMessage message, MailSettings settings)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(settings);
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
            mail.Headers.Add("Auto-Submitted", "auto-generated");
        }

        var body = new MultipartAlternative
        {
            new TextPart("plain") { Text = PlainText(message, settings) },
            new TextPart("html") { Text = Html(message, settings) },
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

    private static string PlainText(OutboundMessage message, MailSettings settings)
    {
        var text = new StringBuilder();
        text.Append(message.Content.TrimEnd()).Append("\n\n-- \n").Append(settings.From.Name);
        if (message.CaseReference is { } reference)
        {
            text.Append("\nCase ").Append(reference).Append(": keep it in the subject when you reply.");
        }

        return text.ToString();
    }

    private static string Html(OutboundMessage message, MailSettings settings)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(message.Subject))
            .Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5;color:#222\">");
        foreach (var paragraph in message.Content.Trim().Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph.Trim()).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }

        html.Append("<p style=\"color:#666;border-top:1px solid #ddd;padding-top:8px\">").Append(WebUtility.HtmlEncode(settings.From.Name));
        if (message.CaseReference is { } reference)
        {
            html.Append("<br>Case ").Append(WebUtility.HtmlEncode(reference)).Append(": keep it in the subject when you reply.");
        }

        return html.Append("</p></body></html>").ToString();
    }
}
