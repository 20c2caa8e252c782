using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>Issue 19: home shows the signed-in user's own counts, and they change while it is open.</summary>
public sealed class HomePagesTests(TouchpointApp app)
{
    [Fact]
    public async Task Home_counts_my_open_cases_and_promises_due_today_and_keeps_them_current()
    {
        // An agent of the test's own: tests running alongside open cases for the demo agent at any moment.
        var hedda = await app.CreateStaffAsync("Hedda Home");
        var agent = await app.NewPageAsync();
        await agent.SignInAsync(hedda.UserName, hedda.Password);
        await agent.OpenAsync("/");
        var openCases = agent.GetByTestId("home-open-cases");
        var dueToday = agent.GetByTestId("home-promises-due-today");
        await Expect(openCases).ToHaveTextAsync(Number());
        var casesBefore = int.Parse(await openCases.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var promisesBefore = int.Parse(await dueToday.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await Expect(agent.GetByTestId("home-unread")).ToHaveTextAsync(Number());

        var customerId = await agent.CreateCustomerAsync("Hanna Home");
        var created = await agent.Context.APIRequest.PostAsync("/api/cases", new()
        {
            DataObject = new { customerId, type = "request", channel = "phone", need = "A second SIM for the tablet." },
        });
        Assert.Equal(201, created.Status);
        // Due in ten minutes is today unless the test runs in the last ten minutes of the agent's day (Stockholm's, the home country's).
        var dueAt = app.UtcNow.AddMinutes(10);
        var made = await agent.Context.APIRequest.PostAsync("/api/promises", new()
        {
            DataObject = new { customerId, kind = "callback", dueAt, madeVia = "phone", description = "Call back about the second SIM." },
        });
        Assert.Equal(201, made.Status);

        // No reload: the page follows the agent's work as it changes.
        await Expect(openCases).ToHaveTextAsync($"{casesBefore + 1}");
        await Expect(dueToday).ToHaveTextAsync($"{promisesBefore + (StockholmDay(dueAt) == StockholmDay(app.UtcNow) ? 1 : 0)}");
        await agent.GetByRole(AriaRole.Link, new() { Name = "unread in my inbox" }).ClickAsync();
        await agent.WaitForURLAsync("**/inbox");
    }

    private static DateTime StockholmDay(DateTime utc) =>
        Touchpoint.Domain.Platform.WallClock.FromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).Date;

    private static System.Text.RegularExpressions.Regex Number() => new(@"^\d+$");
}
