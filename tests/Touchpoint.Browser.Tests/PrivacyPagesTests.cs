using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Touchpoint.Data;
using Touchpoint.Features.Privacy;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>Issue 26, GDPR Art. 15 on the 360 page: an agent asks for a customer's data, sees it written live and downloads it once.</summary>
public sealed class PrivacyPagesTests(TouchpointApp app)
{
    [Fact]
    public async Task An_agent_exports_a_customers_personal_data_from_the_360_page_and_downloads_it_once()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customer = await page.CreateCustomerAsync("Signe Indsigt", "DK");
        await page.OpenAsync($"/customers/{customer}");
        var panel = page.GetByTestId("personal-data-exports");

        await panel.GetByTestId("export-personal-data").ClickAsync();
        var export = panel.GetByTestId("personal-data-export");
        await Expect(export).ToHaveAttributeAsync("data-status", "pending");

        await app.RunWatcherUntilAsync(() => ReadyAsync(customer));
        // Written in the background: the page shows it ready without a reload.
        await Expect(export).ToHaveAttributeAsync("data-status", "ready");
        await page.ScreenshotAsync("customer-360-personal-data-1280");

        var download = await page.RunAndWaitForDownloadAsync(() => export.GetByTestId("download-html").ClickAsync());
        Assert.EndsWith(".html", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("Signe Indsigt", await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await Expect(export).ToHaveAttributeAsync("data-status", "downloaded");
        await Expect(export.GetByTestId("download-json")).ToHaveCountAsync(0);
    }

    private async Task<bool> ReadyAsync(Guid customerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        return await db.PersonalDataExports.AnyAsync(e => e.CustomerId == customerId && e.Status == ExportStatus.Ready, TestContext.Current.CancellationToken);
    }
}
