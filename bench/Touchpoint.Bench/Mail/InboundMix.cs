using System.Globalization;
using MimeKit;

namespace Touchpoint.Bench.Mail;

/// <summary>What a generated message is, and so what Touchpoint must make of it.</summary>
internal enum MixKind
{
    /// <summary>The customer answers our reply: In-Reply-To and References name its Message-ID (and their own earlier mail).</summary>
    ThreadReply,

    /// <summary>The customer writes again quoting the case reference in the subject, without threading headers.</summary>
    SubjectReply,

    /// <summary>A known customer writes about something new: a new case.</summary>
    NewFromKnown,

    /// <summary>Someone Touchpoint does not know writes: a new contact and a new case.</summary>
    UnknownSender,

    /// <summary>The customer's out-of-office answers our reply: recorded on the case, never answered.</summary>
    AutoReply,

    /// <summary>A delivery status notification: our reply could not be delivered.</summary>
    Bounce,

    /// <summary>The same bytes as an earlier message, delivered twice: stored once.</summary>
    Duplicate,
}

/// <param name="CustomerId">Whose contact it is, for the baseline's rows (which looks nothing up); for an unknown sender, a seeded customer.</param>
/// <param name="Case">The case it must land on; null where Touchpoint opens one (or a bounce, which lands on none of its own).</param>
internal sealed record MixMessage(MixKind Kind, byte[] Bytes, Guid CustomerId, MailCase? Case);

/// <summary>What the mix implies Touchpoint stores, checked after the run.</summary>
internal sealed record MixExpectation(int Messages, int Duplicates, int Stored, int Contacts, int NewCases, int NewCustomers, int BouncedReplies, int Attachments)
{
    public static MixExpectation Of(IReadOnlyList<MixMessage> mix, int attachments)
    {
        int Count(params MixKind[] kinds) => mix.Count(m => kinds.Contains(m.Kind));
        return new MixExpectation(
            Messages: mix.Count,
            Duplicates: Count(MixKind.Duplicate),
            Stored: mix.Count - Count(MixKind.Duplicate),
            Contacts: Count(MixKind.ThreadReply, MixKind.SubjectReply, MixKind.NewFromKnown, MixKind.UnknownSender, MixKind.AutoReply),
            NewCases: Count(MixKind.NewFromKnown, MixKind.UnknownSender),
            NewCustomers: Count(MixKind.UnknownSender),
            BouncedReplies: mix.Where(m => m.Kind == MixKind.Bounce).Select(m => m.Case!.Id).Distinct().Count(),
            Attachments: attachments);
    }
}

/// <summary>
/// N RFC 5322 messages as a mail server would hand them over, made up front with a fixed seed: mostly customers answering
/// the replies on their cases, some new requests from known and unknown senders, out-of-office answers, a few bounces and
/// duplicates; short text, HTML or both, now and then a small PDF.
/// </summary>
internal sealed class InboundMix(SeededMail seeded, DateTime now)
{
    private static readonly (MixKind Kind, int Weight)[] Weights =
    [
        (MixKind.ThreadReply, 42), (MixKind.SubjectReply, 15), (MixKind.NewFromKnown, 20), (MixKind.UnknownSender, 10),
        (MixKind.AutoReply, 8), (MixKind.Bounce, 2), (MixKind.Duplicate, 3),
    ];

    private static readonly string[] Openings =
    [
        "Thanks for the quick answer.", "I still do not understand the amount.", "The internet dropped again last night.",
        "My new SIM card has not arrived yet.", "Can you move my plan to the cheaper one from next month?", "The refund is not on my account.",
    ];

    private static readonly string[] Topics =
    [
        "Invoice higher than usual", "No 4G at home", "Moving in March", "Roaming charges", "Cancel my TV package", "Porting my number",
        "Router keeps restarting", "Wrong name on the contract",
    ];

    private readonly Random random = new(18);
    private readonly Dictionary<Guid, string> lastInboundOnCase = [];
    private readonly List<MixMessage> made = [];
    private int bounced;
    private int attachments;

    public MixExpectation Expectation => MixExpectation.Of(made, attachments);

    public IReadOnlyList<MixMessage> Generate(int count)
    {
        var total = Weights.Sum(w => w.Weight);
        var bounceOrder = seeded.Cases.OrderBy(_ => random.Next()).ToList();
        for (var i = 0; i < count; i++)
        {
            var draw = random.Next(total);
            var kind = Weights.First(w => (draw -= w.Weight) < 0).Kind;
            if (kind == MixKind.Duplicate && made.Count == 0)
            {
                kind = MixKind.NewFromKnown;
            }

            made.Add(kind switch
            {
                MixKind.Duplicate => made[random.Next(made.Count)] with { Kind = MixKind.Duplicate },
                MixKind.Bounce => Bounce(i, bounceOrder[bounced++ % bounceOrder.Count]),
                _ => FromPerson(i, kind),
            });
        }

        return made;
    }

    private MixMessage FromPerson(int index, MixKind kind)
    {
        var @case = kind is MixKind.ThreadReply or MixKind.SubjectReply or MixKind.AutoReply ? seeded.Cases[random.Next(seeded.Cases.Count)] : null;
        var customer = @case?.Customer ?? seeded.Customers[random.Next(seeded.Customers.Count)];
        var mail = new MimeMessage { MessageId = MessageId(index, "mail.example.net"), Date = now.AddMinutes(-random.Next(1, 600)) };
        mail.To.Add(new MailboxAddress("Customer care", "customer-care@touchpoint.example"));
        if (kind == MixKind.UnknownSender)
        {
            mail.From.Add(new MailboxAddress($"New Caller {index}", string.Create(CultureInfo.InvariantCulture, $"new.caller.{index}@mail.example.net")));
        }
        else
        {
            mail.From.Add(new MailboxAddress(customer.Name, customer.Email));
        }

        var text = $"Hello,\n\n{Openings[random.Next(Openings.Length)]} {Openings[random.Next(Openings.Length)]}\n\nBest regards\n{customer.Name}";
        switch (kind)
        {
            case MixKind.ThreadReply:
                mail.Subject = $"Re: {@case!.ReplySubject}";
                mail.InReplyTo = @case.ReplyMessageId;
                mail.References.Add(@case.ReplyMessageId);
                if (lastInboundOnCase.TryGetValue(@case.Id, out var earlier))
                {
                    mail.References.Add(earlier);
                }

                text += "\n\n> The difference is the roaming week in October; the details are below.";
                break;
            case MixKind.SubjectReply:
                mail.Subject = $"Still waiting [{@case!.Reference}]";
                break;
            case MixKind.AutoReply:
                mail.Subject = $"Automatic reply: {@case!.ReplySubject}";
                mail.InReplyTo = @case.ReplyMessageId;
                mail.Headers.Add("Auto-Submitted", "auto-replied");
                text = "I am out of the office until Monday and will read your message when I am back.";
                break;
            default:
                mail.Subject = Topics[random.Next(Topics.Length)];
                break;
        }

        mail.Body = Body(text);
        if (@case is not null && kind != MixKind.AutoReply)
        {
            lastInboundOnCase[@case.Id] = mail.MessageId;
        }

        // An unknown sender's contact does not exist yet: the baseline, which looks nothing up, names a seeded customer.
        return new MixMessage(kind, Bytes(mail), customer.Id, @case);
    }

    private MimeEntity Body(string text)
    {
        var shape = random.Next(100);
        var body = new BodyBuilder();
        if (shape < 5)
        {
            body.HtmlBody = Html(text);
        }
        else
        {
            body.TextBody = text;
            if (shape < 40)
            {
                body.HtmlBody = Html(text);
            }
        }

        if (random.Next(100) < 3)
        {
            var pdf = new byte[random.Next(2_000, 8_000)];
            random.NextBytes(pdf);
            "%PDF-1.7\n"u8.CopyTo(pdf);
            body.Attachments.Add("invoice.pdf", pdf, new ContentType("application", "pdf"));
            attachments++;
        }

        return body.ToMessageBody();
    }

    private static string Html(string text) =>
        "<html><body>" + string.Concat(text.Split("\n\n").Select(p => $"<p>{System.Net.WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal)}</p>")) + "</body></html>";

    private MixMessage Bounce(int index, MailCase @case)
    {
        var report = new MimeMessage { Subject = "Delivery Status Notification (Failure)", MessageId = MessageId(index, "mx.example.se"), Date = now };
        report.From.Add(new MailboxAddress("Mail Delivery System", "mailer-daemon@mx.example.se"));
        report.To.Add(new MailboxAddress("Customer care", "customer-care@touchpoint.example"));
        var status = new MessageDeliveryStatus();
        status.StatusGroups.Add(new HeaderList { { "Reporting-MTA", "dns; mx.example.se" } });
        status.StatusGroups.Add(new HeaderList { { "Final-Recipient", $"rfc822; {@case.Customer.Email}" }, { "Action", "failed" }, { "Status", "5.1.1" } });
        var original = new MimeMessage { MessageId = @case.ReplyMessageId, Subject = @case.ReplySubject };
        original.From.Add(new MailboxAddress("Touchpoint customer care", "customer-care@touchpoint.example"));
        original.To.Add(new MailboxAddress(@case.Customer.Name, @case.Customer.Email));
        report.Body = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = $"Your message to {@case.Customer.Email} could not be delivered: no such mailbox." },
            status,
            new MessagePart { Message = original },
        };
        return new MixMessage(MixKind.Bounce, Bytes(report), @case.Customer.Id, @case);
    }

    private string MessageId(int index, string domain) =>
        string.Create(CultureInfo.InvariantCulture, $"{index:D7}.{random.Next():x8}@{domain}");

    private static byte[] Bytes(MimeMessage mail)
    {
        using var buffer = new MemoryStream();
        mail.WriteTo(buffer);
        return buffer.ToArray();
    }
}
