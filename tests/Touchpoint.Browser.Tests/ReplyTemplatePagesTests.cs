using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Touchpoint.Data;
using Touchpoint.Features.Mail;
using Touchpoint.Hosting;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// A team lead writes a reply template on the templates page; an agent picks it on a case, is warned of what the case
/// could not fill and of a text not in the customer's language, replaces it, and the filled reply reaches the SMTP
/// server. A template with a Swedish text is filled in Swedish for a Swedish customer.
/// </summary>
public sealed class ReplyTemplatePagesTests(TouchpointApp app)
{
    private const string TemplateName = "Working on your case";

    [Fact]
    public async Task The_agent_picks_a_template_the_lead_wrote_fills_what_the_case_could_not_and_sends_it()
    {
        var lead = await app.NewPageAsync();
        await lead.CloseNotificationToastsAsync();
        await lead.SignInAsync("lead", TouchpointApp.DemoPassword);
        await lead.OpenAsync("/templates");
        await lead.GetByTestId("new-template").ClickAsync();
        await Expect(lead.GetByTestId("template-placeholders")).ToContainTextAsync("{compensation}");
        await lead.Locator("#template-name").FillAsync(TemplateName);
        await lead.Locator("#template-body").FillAsync("Dear {nmae}, we are working on case {case}.");
        await lead.GetByTestId("template-save").ClickAsync();
        // The mistake is named beside the text, and nothing is saved.
        await Expect(lead.GetByTestId("template-form")).ToContainTextAsync("Unknown placeholder {nmae}");
        await lead.Locator("#template-body").FillAsync("Dear {name}, we are working on case {case}. You get {compensation}.\n{agent}");
        await lead.GetByTestId("template-save").ClickAsync();
        await Expect(lead.GetByTestId("template-name").Filter(new() { HasText = TemplateName })).ToHaveCountAsync(1);
        await lead.ScreenshotAsync("reply-templates-1280");

        var caseId = await CaseFromMagnusAsync("Where is my new router?", "magnus.eml");
        var agent = await app.NewPageAsync();
        await agent.CloseNotificationToastsAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        await agent.OpenAsync($"/cases/{caseId}");
        await agent.ChooseAsync("reply-template", TemplateName);
        var reference = (await agent.GetByTestId("case-reference").TextContentAsync())!.Replace("Case ", "", StringComparison.Ordinal);
        await Expect(agent.Locator("#reply-text")).ToHaveValueAsync($"Dear Magnus Ek, we are working on case {reference}. You get {{compensation}}.\nAnna Agent");
        await Expect(agent.GetByTestId("reply-unfilled")).ToContainTextAsync("{compensation}");
        // Magnus reads Swedish and the template has only English.
        await Expect(agent.GetByTestId("reply-template-language")).ToContainTextAsync("This template has no Swedish text, the customer's language; it is filled in English.");
        await agent.ScreenshotAsync("case-reply-template-1280");

        await agent.Locator("#reply-text").FillAsync($"Dear Magnus Ek, we are working on case {reference}. We will call you tomorrow.\nAnna Agent");
        await Expect(agent.GetByTestId("reply-unfilled")).ToHaveCountAsync(0);
        await agent.GetByTestId("reply-send").ClickAsync();
        await Expect(agent.GetByTestId("reply-sent")).ToContainTextAsync("magnus.ek@example.se");

        MimeMessage? sent = null;
        await app.RunWatcherUntilAsync(() => Task.FromResult((sent = app.Smtp.Received.SingleOrDefault(
            m => m.To.Mailboxes.Any(to => to.Address == "magnus.ek@example.se") && (m.TextBody ?? "").Contains("We will call you tomorrow", StringComparison.Ordinal))) is not null));
        Assert.Contains($"[{reference}]", sent!.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lead_adds_a_Swedish_text_and_an_agent_fills_it_in_Swedish_for_a_Swedish_customer()
    {
        const string name = "Invoice explained";
        var lead = await app.NewPageAsync();
        await lead.CloseNotificationToastsAsync();
        await lead.SignInAsync("lead", TouchpointApp.DemoPassword);
        await lead.OpenAsync("/templates");
        await lead.GetByTestId("new-template").ClickAsync();
        await lead.Locator("#template-name").FillAsync(name);
        await lead.Locator("#template-body").FillAsync("Dear {name}, we have looked at your invoice for case {case}.");
        await lead.GetByTestId("translation-add").ClickAsync();
        await lead.ChooseAsync("translation-language-0", "Swedish");
        await lead.Locator("#translation-body-0").FillAsync("Hej {nmae}!");
        await lead.GetByTestId("template-save").ClickAsync();
        // The Swedish text's mistake is named on it, and nothing is saved.
        await Expect(lead.GetByTestId("template-translation")).ToContainTextAsync("Unknown placeholder {nmae}");
        await lead.Locator("#translation-body-0").FillAsync("Hej {name}! Vi har gått igenom din faktura i ärende {case}.");
        await lead.ScreenshotAsync("reply-template-translation-1280");
        await lead.GetByTestId("template-save").ClickAsync();
        var row = lead.GetByTestId("template").Filter(new() { Has = lead.GetByTestId("template-name").GetByText(name, new() { Exact = true }) });
        await Expect(row.GetByTestId("template-language")).ToHaveTextAsync(["English (default)", "Swedish"]);

        var caseId = await CaseFromMagnusAsync("My invoice is too high", "magnus-invoice.eml");
        var agent = await app.NewPageAsync();
        await agent.CloseNotificationToastsAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        await agent.OpenAsync($"/cases/{caseId}");
        await agent.ChooseAsync("reply-template", name);
        var reference = (await agent.GetByTestId("case-reference").TextContentAsync())!.Replace("Case ", "", StringComparison.Ordinal);
        await Expect(agent.Locator("#reply-text")).ToHaveValueAsync($"Hej Magnus Ek! Vi har gått igenom din faktura i ärende {reference}.");
        await Expect(agent.GetByTestId("reply-template-language")).ToHaveTextAsync("Filled in Swedish, the customer's language.");
    }

    /// <summary>Magnus writes in; the case his mail opens.</summary>
    private async Task<Guid> CaseFromMagnusAsync(string subject, string fileName)
    {
        var mail = new MimeMessage
        {
            Subject = subject,
            MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.se"),
            Body = new TextPart("plain") { Text = "It was promised for last week." },
        };
        mail.From.Add(new MailboxAddress("Magnus Ek", "magnus.ek@example.se"));
        var folder = app.Services.GetRequiredService<MailSettings>().IncomingFolder;
        Directory.CreateDirectory(folder);
        await mail.WriteToAsync(Path.Combine(folder, fileName), TestContext.Current.CancellationToken);
        Guid? caseId = null;
        await app.RunWatcherUntilAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            caseId = await db.InboundMessages.Where(m => m.MessageId == mail.MessageId).Select(m => m.CaseId).SingleOrDefaultAsync(TestContext.Current.CancellationToken);
            return caseId is not null;
        });
        return caseId!.Value;
    }
}
