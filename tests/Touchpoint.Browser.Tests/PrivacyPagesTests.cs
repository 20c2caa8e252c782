using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Touchpoint.Data;
using Touchpoint.Features.Privacy;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// Issue 26 on the 360 page: GDPR Art. 15 (an agent asks for a customer's data, sees it written live and downloads it
/// once) and Art. 17 (a lead reads the erasure plan, records the request, schedules it and sees it carried out).
/// </summary>
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

    [Fact]
    public async Task A_lead_reads_the_erasure_plan_records_the_customers_request_and_sees_it_carried_out()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("lead", TouchpointApp.DemoPassword);
        var customer = await page.CreateCustomerAsync("Glemt Glemmesen", "DK");
        await page.OpenAsync($"/customers/{customer}");
        var panel = page.GetByTestId("erasure");

        await panel.GetByTestId("show-erasure-plan").ClickAsync();
        var plan = panel.GetByTestId("erasure-plan");
        await Expect(plan.Locator("tr[data-kind='identities']")).ToHaveAttributeAsync("data-fate", "delete");
        await Expect(plan.Locator("tr[data-kind='timeline']")).ToHaveAttributeAsync("data-fate", "anonymise");
        await Expect(plan.Locator("tr[data-kind='audit']")).ToHaveAttributeAsync("data-fate", "keep");

        await panel.GetByTestId("request-erasure").ClickAsync();
        var request = panel.GetByTestId("erasure-request");
        await Expect(request).ToHaveAttributeAsync("data-state", "pending");
        await panel.GetByTestId("schedule-erasure").ClickAsync();
        await Expect(request).ToHaveAttributeAsync("data-state", "scheduled");

        await app.RunWatcherUntilAsync(() => ErasedAsync(customer));
        // Carried out in the background: the page shows what became of each kind of record without a reload.
        await Expect(request).ToHaveAttributeAsync("data-state", "done");
        await Expect(panel.GetByTestId("erasure-outcome")).ToContainTextAsync("identities: 1 deleted");
        await page.ScreenshotAsync("customer-360-erasure-1280");
    }

    private async Task<bool> ErasedAsync(Guid customerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        return await db.ErasureRequests.AnyAsync(r => r.CustomerId == customerId && r.State == ErasureState.Done, TestContext.Current.CancellationToken);
    }

    private async Task<bool> ReadyAsync(Guid customerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        return await db.PersonalDataExports.AnyAsync(e => e.CustomerId == customerId && e.Status == ExportStatus.Ready, TestContext.Current.CancellationToken);
    }
}
