namespace Touchpoint.Domain.Messages;

/// <param name="ContentType">What the content is, judged from its first bytes; the sender's claim is not trusted.</param>
/// <param name="RefusedBecause">Why the content is not kept; null when it is.</param>
public sealed record AttachmentVerdict(string ContentType, string? RefusedBecause);

/// <summary>
/// Which attachments of a customer's mail are kept. A customer's photo of a router or a PDF bill is; an executable
/// (by its content or its name) never is, and nothing over the size limit is, so one mail cannot fill the database.
/// </summary>
public static class AttachmentPolicy
{
    private static readonly string[] ExecutableExtensions =
        [".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".msi", ".dll", ".js", ".jse", ".vbs", ".vbe", ".wsf", ".ps1", ".sh", ".jar", ".lnk", ".hta", ".cpl"];

    private static readonly (byte[] Magic, string Type)[] Signatures =
    [
        ("%PDF"u8.ToArray(), "application/pdf"),
        ([0x89, 0x50, 0x4E, 0x47], "image/png"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        ("GIF8"u8.ToArray(), "image/gif"),
        ("PK"u8.ToArray(), "application/zip"),
        ("MZ"u8.ToArray(), "application/x-msdownload"),
        ([0x7F, 0x45, 0x4C, 0x46], "application/x-executable"),
        ([0xCF, 0xFA, 0xED, 0xFE], "application/x-mach-binary"),
        ("#!"u8.ToArray(), "text/x-script"),
    ];

    private static readonly HashSet<string> ExecutableTypes = ["application/x-msdownload", "application/x-executable", "application/x-mach-binary", "text/x-script"];

    /// <summary>The content type its first bytes show; text when they look like text, else application/octet-stream.</summary>
    public static string Sniff(ReadOnlySpan<byte> head)
    {
        foreach (var (magic, type) in Signatures)
        {
            if (head.StartsWith(magic))
            {
                return type;
            }
        }

        foreach (var b in head)
        {
            if (b < 0x09 || (b > 0x0D && b < 0x20))
            {
                return "application/octet-stream";
            }
        }

        return "text/plain";
    }

    public static AttachmentVerdict Judge(string fileName, ReadOnlySpan<byte> head, long size, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var type = Sniff(head);
        if (ExecutableTypes.Contains(type) || ExecutableExtensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            return new(type, "an executable or script: never kept");
        }

        return size > maxBytes
            ? new(type, $"{Megabytes(size)} is over the {Megabytes(maxBytes)} limit")
            : new(type, null);
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
