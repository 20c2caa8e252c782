using System.Globalization;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Touchpoint.Data;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// Issue 19, "accessible and plain": axe-core finds no serious or critical violation on any page, for every role that
/// has pages, in the light and the dark palette. One browser page per role visits all of that role's routes, so the
/// whole tour costs a sign-in per role rather than one per page.
/// </summary>
public sealed class AccessibilityTests(TouchpointApp app)
{
    private static readonly string[] Blocking = ["serious", "critical"];
    private static readonly string[] Questions = ["Is the line fixed?"];

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task No_page_has_a_serious_or_critical_axe_violation(string colourScheme)
    {
        var scheme = colourScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light;
        var found = new StringBuilder();

        var visitor = await app.NewPageAsync();
        await visitor.EmulateMediaAsync(new() { ColorScheme = scheme });
        foreach (var route in new[] { "/signin", "/leave", "/not-found", "/rules" })
        {
            await visitor.GotoAsync(route);
            await CheckAsync(visitor, $"signed out {route}", found);
        }

        // The agent's tour is an agent of the test's own: other tests' work notifies the demo agent at any moment, and
        // a toast on screen during a check makes the result depend on timing.
        var own = await app.CreateStaffAsync("Axel Axe");
        var agent = await app.NewPageAsync();
        await agent.EmulateMediaAsync(new() { ColorScheme = scheme });
        await agent.SignInAsync(own.UserName, own.Password);
        var (customerId, caseId, subscriptionId) = await CustomerWithACaseAndASubscriptionAsync(agent);

        var roles = new (string User, string Password, string[] Routes)[]
        {
            (own.UserName, own.Password,
            [
                "/", "/inbox", "/work", "/customers", "/customers?q=Persson", $"/customers/{customerId}", "/cases", $"/cases/{caseId}",
                "/coverage", "/outbox", "/rules", "/access-denied", $"/subscriptions/{subscriptionId}/summary",
            ]),
            ("store", TouchpointApp.DemoPassword, ["/", "/work", $"/customers/{customerId}"]),
            ("lead", TouchpointApp.DemoPassword, ["/", "/team", "/contact-centre", "/templates", "/queues", "/merges", $"/cases/{caseId}"]),
            ("partner", TouchpointApp.DemoPassword, ["/", "/inbox", "/account"]),
            ("admin", TouchpointApp.AdminPassword, ["/", "/admin/users", "/admin/audit"]),
        };
        foreach (var (user, password, routes) in roles)
        {
            var page = user == own.UserName ? agent : await app.NewPageAsync();
            if (page != agent)
            {
                await page.EmulateMediaAsync(new() { ColorScheme = scheme });
                await page.SignInAsync(user, password);
            }

            foreach (var route in routes)
            {
                await page.GotoAsync(route);
                // The summary is a plain server page that prints as it is, always light. Every other page waits for
                // its circuit, which reads the browser's preference after its first render: check the palette under test.
                if (!route.EndsWith("/summary", StringComparison.Ordinal))
                {
                    await page.WaitForInteractivityAsync();
                    await Assertions.Expect(page.GetByTestId("dark-mode-toggle")).ToHaveAttributeAsync("data-dark", colourScheme == "dark" ? "true" : "false");
                }

                await CheckAsync(page, $"{user} {route}", found);
                await page.ScreenshotAsync($"a11y-{colourScheme}-{user}-{Slug(route)}");
            }

            await page.Context.CloseAsync();
        }

        Assert.True(found.Length == 0, $"axe-core ({colourScheme} mode) found serious or critical violations:\n{found}");
    }

    [Fact]
    public async Task The_colours_follow_the_browsers_preference_until_the_user_chooses_and_the_choice_is_remembered()
    {
        var page = await app.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var toggle = page.GetByTestId("dark-mode-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-dark", "true");
        await Assertions.Expect(toggle).ToHaveAccessibleNameAsync("Use light colours");

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-dark", "false");
        await page.ReloadAsync();
        await page.WaitForInteractivityAsync();
        await Assertions.Expect(page.GetByTestId("dark-mode-toggle")).ToHaveAttributeAsync("data-dark", "false");

        // A browser that prefers light and has chosen nothing gets light.
        var light = await app.NewPageAsync();
        await light.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await light.SignInAsync("agent", TouchpointApp.DemoPassword);
        await Assertions.Expect(light.GetByTestId("dark-mode-toggle")).ToHaveAttributeAsync("data-dark", "false");
    }

    private static async Task CheckAsync(IPage page, string where, StringBuilder found)
    {
        // A page that loads its data on the circuit shows it a moment after the circuit is up; axe reads what is there.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // A toast or dialog fading in is half-transparent for a moment, and axe measures the contrast of that moment:
        // wait until every finite animation has finished (an indeterminate progress bar runs for ever and is left alone).
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)",
            null, new() { Timeout = 10_000 });
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        foreach (var violation in result.Violations.Where(v => Blocking.Contains(v.Impact)))
        {
            var targets = string.Join("; ", violation.Nodes.Take(5).Select(n => n.Target?.ToString()));
            found.AppendLine(CultureInfo.InvariantCulture, $"- {where}: {violation.Id} ({violation.Impact}) at {targets} ({violation.Nodes.Length} in all): {violation.Help}");
        }
    }

    private static string Slug(string route) => route.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-') is { Length: > 0 } slug ? slug : "home";

    /// <summary>
    /// Lars Persson (S0), whose 360 page has the most to show, with a case of the test's own (the demo has none), and a
    /// subscription with a contract summary when the demo has one.
    /// </summary>
    private async Task<(Guid Customer, Guid Case, Guid Subscription)> CustomerWithACaseAndASubscriptionAsync(IPage agent)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var customerId = await db.Customers.Where(c => c.Name == "Lars Persson" && db.Subscriptions.Any(s => s.CustomerId == c.Id)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
        var subscriptionId = await db.ContractSummaries.Select(s => (Guid?)s.SubscriptionId).FirstOrDefaultAsync(TestContext.Current.CancellationToken)
            ?? await db.Subscriptions.Where(s => s.CustomerId == customerId).Select(s => s.Id).FirstAsync(TestContext.Current.CancellationToken);
        var response = await agent.Context.APIRequest.PostAsync("/api/cases", new()
        {
            DataObject = new { customerId, type = "complaint", channel = "phone", need = "The broadband drops every evening.", questions = Questions },
        });
        Assert.Equal(201, response.Status);
        using var body = JsonDocument.Parse(await response.TextAsync());
        return (customerId, body.RootElement.GetProperty("id").GetGuid(), subscriptionId);
    }
}
