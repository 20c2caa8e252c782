using MimeKit;
using Touchpoint.Domain.Messages;

namespace Touchpoint.Features.Mail;

public sealed partial class InboundMail
{
    /// <summary>Keeps the attachments the <see cref="AttachmentPolicy"/> allows; a refused one keeps its name and why.</summary>
    private async Task KeepAttachmentsAsync(InboundMessage row, MimeMessage mail, CancellationToken cancellationToken)
    {
        foreach (var part in mail.Attachments.OfType<MimePart>())
        {
            if (part.Content is null)
            {
                continue;
            }

            using var content = new MemoryStream();
            await part.Content.DecodeToAsync(content, cancellationToken);
            var bytes = content.ToArray();
            var fileName = Clip(string.IsNullOrWhiteSpace(part.FileName) ? "attachment" : Path.GetFileName(part.FileName), 255)!;
            var verdict = AttachmentPolicy.Judge(fileName, bytes.AsSpan(0, Math.Min(bytes.Length, 16)), bytes.LongLength, settings.MaxAttachmentBytes);
            row.Attachments.Add(new InboundAttachment
            {
                FileName = fileName,
                ContentType = verdict.ContentType,
                Size = bytes.LongLength,
                Content = verdict.RefusedBecause is null ? bytes : null,
                RefusedBecause = verdict.RefusedBecause,
            });
        }
    }
}
