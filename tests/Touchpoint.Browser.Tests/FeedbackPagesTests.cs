using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Domain.Feedback;
using Touchpoint.Features.Feedback;
using Touchpoint.Features.Identity;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// S4-4 in the browser: the customer answers three 1s on the survey page on a phone (390 px wide), and the follow-up
/// appears on the lead's feedback page while the lead watches it, without a reload.
/// </summary>
public sealed class FeedbackPagesTests(TouchpointApp app)
{
    [Fact]
    public async Task A_customer_answers_three_ones_on_a_phone_and_the_follow_up_appears_live_on_the_leads_page()
    {
        var staff = await app.NewPageAsync();
        await staff.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customerId = await staff.CreateCustomerAsync("Magnus Enkätsson");
        var token = await SendSurveyAsync(customerId);

        var lead = await app.NewPageAsync();
        await lead.SignInAsync("lead", TouchpointApp.DemoPassword);
        await lead.OpenAsync("/feedback");
        await Expect(lead.GetByTestId("feedback-follow-ups")).ToBeVisibleAsync();
        await Expect(lead.GetByTestId("feedback-follow-ups")).Not.ToContainTextAsync("Magnus Enkätsson");

        var phone = await app.NewPageAsync(390, 844);
        await phone.GotoAsync($"/survey/{token}");
        await Expect(phone.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Hur gick det?" })).ToBeVisibleAsync();
        Assert.Empty(Touchpoint.Tests.Infrastructure.EnglishLeaks.In(await phone.Locator("body").InnerTextAsync(), "sv"));
        for (var question = 0; question < 3; question++)
        {
            // A thumb presses the box with the number; the radio button inside it is the one a screen reader announces.
            var asked = phone.GetByTestId($"survey-question-{question}");
            await asked.Locator("label").First.ClickAsync();
            await Expect(asked.GetByRole(Microsoft.Playwright.AriaRole.Radio, new() { Name = "1, Mycket missnöjd" })).ToBeCheckedAsync();
        }

        await phone.GetByTestId("survey-comment").FillAsync("Ingen ringde tillbaka.");
        await phone.ScreenshotAsync("survey-390");
        await phone.GetByTestId("survey-send").ClickAsync();
        await Expect(phone.GetByTestId("survey-done")).ToContainTextAsync("Någon som kan rätta till det ringer dig senast");

        var row = lead.GetByTestId("follow-up").Filter(new() { HasText = "Magnus Enkätsson" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("CSAT 1, 1, 1");
        await Expect(row).ToContainTextAsync("Lars Lead");
        await Expect(lead.GetByTestId("feedback-verbatims")).ToContainTextAsync("Ingen ringde tillbaka.");
        await lead.ScreenshotAsync("feedback-lead");
    }

    /// <summary>The survey the dispatcher would have sent an hour after Anna Agent's call, and the token its link carries.</summary>
    private async Task<string> SendSurveyAsync(Guid customerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var agent = await scope.ServiceProvider.GetRequiredService<UserManager<TouchpointUser>>().FindByNameAsync("agent");
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var token = WebEncoders.Base64UrlEncode(Guid.NewGuid().ToByteArray());
        db.Surveys.Add(new Survey
        {
            CustomerId = customerId,
            Kind = SurveyKind.Csat,
            Trigger = SurveyTrigger.Interaction,
            Questions = 3,
            AboutAt = now.AddHours(-1),
            StaffUserId = agent!.Id,
            StaffName = agent.DisplayName,
            ContactChannel = "phone",
            State = SurveyState.Sent,
            ScheduledAt = now,
            SentAt = now,
            SentVia = "email",
            Language = "sv",
            ExpiresAt = now.AddDays(14),
            TokenHash = SurveyTokens.Hash(token),
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return token;
    }
}
