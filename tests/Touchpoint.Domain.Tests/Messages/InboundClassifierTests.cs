using Touchpoint.Domain.Messages;

namespace Touchpoint.Domain.Tests.Messages;

public sealed class InboundClassifierTests
{
    private static InboundHeaders Headers(string? autoSubmitted = null, string? precedence = null, bool markers = false, params DeliveryStatus[]? statuses) =>
        new(autoSubmitted, precedence, markers, statuses is { Length: > 0 } ? statuses : null);

    [Fact]
    public void A_persons_mail_is_personal() => Assert.Equal(InboundKind.Personal, InboundClassifier.Classify(Headers()));

    [Theory]
    [InlineData("auto-replied")]
    [InlineData("auto-generated")]
    [InlineData("auto-notified; owner-email=\"x@example.com\"")]
    public void Auto_Submitted_other_than_no_is_automatic(string value) =>
        Assert.Equal(InboundKind.Automatic, InboundClassifier.Classify(Headers(autoSubmitted: value)));

    [Fact]
    public void Auto_Submitted_no_is_a_person() => Assert.Equal(InboundKind.Personal, InboundClassifier.Classify(Headers(autoSubmitted: "No")));

    [Theory]
    [InlineData("bulk")]
    [InlineData("list")]
    [InlineData(" Junk ")]
    public void Bulk_list_and_junk_precedence_is_automatic(string value) =>
        Assert.Equal(InboundKind.Automatic, InboundClassifier.Classify(Headers(precedence: value)));

    [Fact]
    public void First_class_precedence_is_a_person() => Assert.Equal(InboundKind.Personal, InboundClassifier.Classify(Headers(precedence: "first-class")));

    [Fact]
    public void A_vendors_auto_reply_marker_is_automatic() => Assert.Equal(InboundKind.Automatic, InboundClassifier.Classify(Headers(markers: true)));

    [Fact]
    public void A_permanent_failure_is_a_bounce_naming_the_recipient()
    {
        var headers = Headers(statuses: [new DeliveryStatus("bert@example.se", "failed", "5.1.1"), new DeliveryStatus("ok@example.se", "delivered", "2.0.0")]);
        Assert.Equal(InboundKind.Bounce, InboundClassifier.Classify(headers));
        Assert.Equal(["bert@example.se"], InboundClassifier.BouncedRecipients(headers));
    }

    [Fact]
    public void A_delay_is_not_a_bounce()
    {
        var headers = Headers(statuses: new DeliveryStatus("bert@example.se", "delayed", "4.4.7"));
        Assert.Equal(InboundKind.DeliveryDelayed, InboundClassifier.Classify(headers));
        Assert.Empty(InboundClassifier.BouncedRecipients(headers));
    }

    [Fact]
    public void A_temporary_failure_is_not_a_bounce() =>
        Assert.NotEqual(InboundKind.Bounce, InboundClassifier.Classify(Headers(statuses: new DeliveryStatus("bert@example.se", "failed", "4.2.2"))));

    [Theory]
    [InlineData("Re: Your complaint [C-000123]", new[] { "C-000123" })]
    [InlineData("Re: [c-000123] and [C-000124] and [C-000123]", new[] { "C-000123", "C-000124" })]
    [InlineData("About C-000123 from last year", new string[0])]
    [InlineData(null, new string[0])]
    public void Case_references_count_only_in_brackets(string? subject, string[] expected) =>
        Assert.Equal(expected, CaseReferences.InSubject(subject));
}

public sealed class AttachmentPolicyTests
{
    private const long TenMegabytes = 10L * 1024 * 1024;

    [Fact]
    public void A_pdf_within_the_limit_is_kept_as_a_pdf_whatever_its_name() =>
        Assert.Equal(new AttachmentVerdict("application/pdf", null), AttachmentPolicy.Judge("bill.txt", "%PDF-1.7"u8, 200_000, TenMegabytes));

    [Fact]
    public void An_executable_is_refused_by_its_content_even_under_an_innocent_name() =>
        Assert.NotNull(AttachmentPolicy.Judge("photo.jpg", "MZ\x90\0"u8, 1000, TenMegabytes).RefusedBecause);

    [Theory]
    [InlineData("setup.EXE")]
    [InlineData("invoice.pdf.js")]
    [InlineData("run.ps1")]
    public void An_executable_is_refused_by_its_name(string fileName) =>
        Assert.Equal("an executable or script: never kept", AttachmentPolicy.Judge(fileName, "hello"u8, 5, TenMegabytes).RefusedBecause);

    [Fact]
    public void Fifty_megabytes_is_over_the_limit_and_says_so() =>
        Assert.Equal("50 MB is over the 10 MB limit", AttachmentPolicy.Judge("router.png", [0x89, 0x50, 0x4E, 0x47], 50L * 1024 * 1024, TenMegabytes).RefusedBecause);

    [Fact]
    public void Text_is_text_and_unknown_binary_is_octet_stream()
    {
        Assert.Equal("text/plain", AttachmentPolicy.Sniff("line one\r\nline two"u8));
        Assert.Equal("application/octet-stream", AttachmentPolicy.Sniff([0x00, 0x01, 0x02]));
    }
}
