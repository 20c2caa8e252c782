using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Touchpoint.Domain.Platform;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// Issue 19, local: a member of staff reads every time on their own clock, with the zone named once in the app bar,
/// and a time they pick is read on that clock too; the API stays in UTC.
/// </summary>
public sealed class LocalTimePagesTests(TouchpointApp app)
{
    [Fact]
    public async Task A_user_in_Stockholm_reads_and_enters_times_on_Stockholms_clock()
    {
        var tove = await app.CreateStaffAsync("Tove Zone");
        var zoned = await tove.Admin.Context.APIRequest.PutAsync($"/api/users/{tove.Id}/time-zone", new() { DataObject = new { timeZone = "Europe/Stockholm" } });
        Assert.Equal(200, zoned.Status);

        var page = await app.NewPageAsync();
        await page.SignInAsync(tove.UserName, tove.Password);
        await Expect(page.GetByTestId("staff-time-zone")).ToHaveTextAsync("Stockholm time");

        // A promise due at a known winter instant, made through the API in UTC, reads as Stockholm's wall clock (UTC+1).
        var day = BrowserSteps.StockholmWinterDayAfter(app.UtcNow);
        var known = DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(9, 20)), DateTimeKind.Utc);
        var customerId = await page.CreateCustomerAsync("Stina Stockholm");
        var made = await page.Context.APIRequest.PostAsync("/api/promises", new()
        {
            DataObject = new { customerId, kind = "callback", dueAt = known, madeVia = "phone", description = "Call back about the bill." },
        });
        Assert.Equal(201, made.Status);
        await page.OpenAsync($"/customers/{customerId}");
        var first = page.GetByTestId("open-promise").Filter(new() { HasText = "Call back about the bill." });
        await Expect(first).ToContainTextAsync($"due {WallClock.FormatDate(day)} 10:20");
        await Expect(first.Locator("time")).ToHaveAttributeAsync("datetime", WallClock.Iso(known));
        await Expect(page.GetByTestId("open-items")).Not.ToContainTextAsync("UTC");

        // A callback promised at 14:20 on the user's clock that winter day is due at 13:20 UTC.
        await page.GetByTestId("promise-callback").ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "At a time" }).CheckAsync();
        var date = page.PickerInput("promise-date");
        await date.FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await date.PressAsync("Tab");
        var time = page.PickerInput("promise-time");
        await time.FillAsync("14:20");
        await time.PressAsync("Tab");
        await page.Locator("#promise-description").FillAsync("Call back at twenty past two.");
        await page.GetByTestId("promise-submit").ClickAsync();
        var second = page.GetByTestId("open-promise").Filter(new() { HasText = "Call back at twenty past two." });
        await Expect(second).ToContainTextAsync($"due {WallClock.FormatDate(day)} 14:20");

        var listed = await page.Context.APIRequest.GetAsync($"/api/promises?customerId={customerId}");
        var promise = JsonDocument.Parse(await listed.TextAsync()).RootElement.EnumerateArray()
            .Single(p => p.GetProperty("description").GetString() == "Call back at twenty past two.");
        Assert.Equal(day.ToDateTime(new TimeOnly(13, 20)), promise.GetProperty("dueAt").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task A_user_chooses_their_zone_from_the_app_bar_and_the_app_bar_names_it_at_once()
    {
        var user = await app.CreateStaffAsync("Zelda Zone");

        var page = await app.NewPageAsync();
        await page.SignInAsync(user.UserName, user.Password);
        // Nobody chose for them: the home country's zone.
        await Expect(page.GetByTestId("staff-time-zone")).ToHaveTextAsync("Stockholm time");
        await page.GetByTestId("staff-time-zone").ClickAsync();
        await page.WaitForURLAsync("**/account");
        await page.WaitForInteractivityAsync();

        await page.Locator("#account-time-zone-input").FillAsync("helsinki");
        await page.GetByRole(AriaRole.Option, new() { Name = "Europe/Helsinki", Exact = true }).ClickAsync();
        await page.GetByTestId("time-zone-save").ClickAsync();

        await Expect(page.GetByTestId("staff-time-zone")).ToHaveTextAsync("Helsinki time");
        await Expect(page.GetByTestId("account-shown-zone")).ToHaveTextAsync("Helsinki time");
        var stored = await page.Context.APIRequest.GetAsync("/api/account/time-zone");
        Assert.Equal("Europe/Helsinki", JsonDocument.Parse(await stored.TextAsync()).RootElement.GetProperty("timeZone").GetString());
    }
}
