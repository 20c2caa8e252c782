using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Features.Privacy.Objection;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>GDPR-21 by e-mail: the unsubscribe link opens a page that records nothing until the customer presses its one button.</summary>
public sealed class UnsubscribePageTests(TouchpointApp app)
{
    [Fact]
    public async Task The_unsubscribe_link_shows_one_button_and_pressing_it_stops_all_marketing_without_a_sign_in()
    {
        var staff = await app.NewPageAsync();
        await staff.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customer = await staff.CreateCustomerAsync("Ulla Unsubscribe");
        var token = app.Services.GetRequiredService<UnsubscribeLinks>().TokenFor(customer);
        var page = await app.NewPageAsync(390, 844);

        await page.GotoAsync($"/unsubscribe/{token}");
        // In Ulla's language (she is Swedish), whatever her browser speaks.
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Stoppa marknadsföring" })).ToBeVisibleAsync();
        Assert.Empty(Touchpoint.Tests.Infrastructure.EnglishLeaks.In(await page.Locator("body").InnerTextAsync(), "sv"));
        await page.ScreenshotAsync("unsubscribe-390");
        Assert.False(await ObjectedAsync(customer));

        await page.GetByTestId("unsubscribe-button").ClickAsync();

        await Expect(page.GetByTestId("unsubscribe-done")).ToContainTextAsync("ingen marknadsföring till dig i någon kanal");
        Assert.True(await ObjectedAsync(customer));
    }

    [Fact]
    public async Task A_forged_link_says_it_is_not_valid()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/unsubscribe/forged-token");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByTestId("unsubscribe-invalid")).ToContainTextAsync("not valid");
    }

    private async Task<bool> ObjectedAsync(Guid customerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        return await db.Customers.Where(c => c.Id == customerId).Select(c => c.MarketingObjection).SingleAsync(TestContext.Current.CancellationToken);
    }
}
