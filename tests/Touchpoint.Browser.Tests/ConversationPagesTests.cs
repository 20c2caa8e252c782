using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Touchpoint.Data;
using Touchpoint.Features.Mail;
using Touchpoint.Hosting;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>A customer's e-mail opens a case; the agent answers it from the case page, and the mail reaches the SMTP server in the thread.</summary>
public sealed class ConversationPagesTests(TouchpointApp app)
{
    [Fact]
    public async Task The_agent_replies_from_the_case_page_and_the_mail_arrives_with_the_case_reference_and_threading_headers()
    {
        var page = await app.NewPageAsync();
        var complaint = new MimeMessage
        {
            Subject = "Cancelled but still billed",
            MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.nl"),
            Body = new TextPart("plain") { Text = "I cancelled in March and you still bill me." },
        };
        complaint.From.Add(new MailboxAddress("Jan de Vries", "jan.devries@example.nl"));
        var folder = app.Services.GetRequiredService<MailSettings>().IncomingFolder;
        Directory.CreateDirectory(folder);
        await complaint.WriteToAsync(Path.Combine(folder, "jan.eml"), TestContext.Current.CancellationToken);
        // The app's own watcher may be the one that reads the file: wait for the mail, as a page waits for what it shows.
        Guid? caseId = null;
        await app.RunWatcherUntilAsync(async () => (caseId = await InboundCaseAsync(complaint.MessageId)) is not null);

        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        await page.OpenAsync($"/cases/{caseId!.Value}");
        var conversation = page.GetByTestId("case-conversation");
        // His mail, and the receipt he was sent at once, marked as no response.
        await Expect(conversation.GetByTestId("conversation-entry")).ToHaveCountAsync(2);
        await Expect(conversation.GetByTestId("conversation-text").First).ToContainTextAsync("still bill me");
        await Expect(conversation.GetByTestId("conversation-receipt")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("case-conversation-1280");

        await page.Locator("#reply-text").FillAsync("The billing stopped today and we refund March to June.");
        await page.GetByTestId("reply-send").ClickAsync();
        await Expect(page.GetByTestId("reply-sent")).ToContainTextAsync("jan.devries@example.nl");
        await Expect(conversation.GetByTestId("conversation-entry")).ToHaveCountAsync(3);

        var reference = (await page.GetByTestId("case-reference").TextContentAsync())!.Replace("Case ", "", StringComparison.Ordinal);
        MimeMessage? sent = null;
        await app.RunWatcherUntilAsync(() => Task.FromResult((sent = app.Smtp.Received.SingleOrDefault(
            m => m.To.Mailboxes.Any(to => to.Address == "jan.devries@example.nl") && m.InReplyTo == complaint.MessageId && !m.Headers.Contains("Auto-Submitted"))) is not null));
        Assert.NotNull(sent);
        Assert.Equal($"Re: Cancelled but still billed [{reference}]", sent.Subject);
        Assert.Equal(complaint.MessageId, Assert.Single(sent.References));
        Assert.Contains("refund March to June", sent.TextBody, StringComparison.Ordinal);
    }

    private async Task<Guid?> InboundCaseAsync(string messageId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        return await db.InboundMessages.Where(m => m.MessageId == messageId).Select(m => m.CaseId).SingleOrDefaultAsync(TestContext.Current.CancellationToken);
    }
}
