using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

public sealed class AdminPagesTests(TouchpointApp app)
{
    [Fact]
    public async Task Admin_creates_a_user_through_the_form_and_sees_it_in_the_table()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("admin", TouchpointApp.AdminPassword);
        await page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/users");
        // Rows come from the table's server callback, which runs only once the interactive circuit is up.
        await Expect(page.GetByTestId("user-name").Filter(new() { HasText = "agent" }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync("users-1280");

        var userName = $"browser-{Guid.NewGuid():N}"[..16];
        await page.GetByTestId("new-user").ClickAsync();
        await page.Locator("#new-user-name").FillAsync(userName);
        await page.GetByTestId("create-user-submit").ClickAsync();
        await Expect(page.GetByText("password is required.")).ToBeVisibleAsync();

        await page.Locator("#new-display-name").FillAsync("Bea Browser");
        await page.Locator("#new-password").FillAsync("browser-password-1");
        await page.ChooseAsync("new-role", "TeamLead");
        await page.ScreenshotAsync("users-create-1280");
        await page.GetByTestId("create-user-submit").ClickAsync();

        var row = page.Locator("tr").Filter(new() { Has = page.GetByTestId("user-name").GetByText(userName, new() { Exact = true }) });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Bea Browser");
        await Expect(row).ToContainTextAsync("TeamLead");
    }

    [Fact]
    public async Task A_partner_agent_needs_a_partner_agency_and_the_form_says_so()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("admin", TouchpointApp.AdminPassword);
        await page.OpenAsync("/admin/users");
        await Expect(page.GetByTestId("user-name").First).ToBeVisibleAsync();

        var userName = $"partner-{Guid.NewGuid():N}"[..16];
        await page.GetByTestId("new-user").ClickAsync();
        await page.Locator("#new-user-name").FillAsync(userName);
        await page.Locator("#new-password").FillAsync("browser-password-2");
        await page.ChooseAsync("new-role", "PartnerAgent");
        await page.GetByTestId("create-user-submit").ClickAsync();
        await Expect(page.GetByText("A partner agent must be tied to a partner agency.")).ToBeVisibleAsync();

        await page.ChooseAsync("new-agency", "Vendator");
        await page.GetByTestId("create-user-submit").ClickAsync();

        var row = page.Locator("tr").Filter(new() { Has = page.GetByTestId("user-name").GetByText(userName, new() { Exact = true }) });
        await Expect(row).ToContainTextAsync("Vendator");
    }

    [Fact]
    public async Task Admin_unlocks_a_user_locked_out_after_failed_sign_ins()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("admin", TouchpointApp.AdminPassword);
        var userName = $"locked-{Guid.NewGuid():N}"[..16];
        var created = await page.Context.APIRequest.PostAsync("/api/users", new()
        {
            DataObject = new { userName, password = "browser-password-3", role = "Agent" },
        });
        Assert.Equal(201, created.Status);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await page.Context.APIRequest.PostAsync("/api/auth/token", new() { DataObject = new { userName, password = "wrong-password" } });
        }

        await page.OpenAsync("/admin/users");
        await Expect(page.GetByTestId("user-name").First).ToBeVisibleAsync();
        await page.Locator("#user-search").FillAsync(userName);
        // The search reloads the table after a debounce; a click on the row before that reload can be lost with the old row.
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync([userName]);
        var row = page.Locator("tr").Filter(new() { Has = page.GetByTestId("user-name").GetByText(userName, new() { Exact = true }) });
        await Expect(row).ToContainTextAsync("Locked");

        await row.GetByTestId("unlock").ClickAsync();

        await Expect(row.GetByTestId("unlock")).ToHaveCountAsync(0);
        await Expect(row).ToContainTextAsync("No");
    }

    [Fact]
    public async Task Admin_searches_users_and_sees_an_empty_state_when_nothing_matches()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("admin", TouchpointApp.AdminPassword);
        await page.OpenAsync("/admin/users");
        await Expect(page.GetByTestId("user-name").First).ToBeVisibleAsync();

        await page.Locator("#user-search").FillAsync("lars");
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(["lead"]);

        await page.Locator("#user-search").FillAsync("nobody-like-this");
        await Expect(page.GetByTestId("users-empty")).ToHaveTextAsync("No user matches “nobody-like-this”.");
    }

    [Fact]
    public async Task Admin_opens_the_audit_log_from_the_menu_and_sees_the_sign_in_entries()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("admin", TouchpointApp.AdminPassword);

        await page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/audit");

        var signIns = page.Locator("tr").Filter(new() { Has = page.GetByTestId("audit-action").GetByText("SignedIn", new() { Exact = true }) });
        await Expect(signIns.Filter(new() { Has = page.GetByTestId("audit-user").GetByText("admin", new() { Exact = true }) }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync("audit-1280");
    }

    [Theory]
    [InlineData("/admin/users", "users-table")]
    [InlineData("/admin/audit", "audit-table")]
    public async Task An_agent_is_refused_the_admin_pages_by_the_server(string path, string content)
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);

        await page.OpenAsync(path);

        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId(content)).ToHaveCountAsync(0);
        // The refusal is the server's answer to the request itself, with the agent's own cookie, not script that could be bypassed.
        var response = await page.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
        Assert.StartsWith($"{app.BaseAddress}access-denied", response.Headers["location"], StringComparison.Ordinal);
        Assert.DoesNotContain(content, await response.TextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/users", "user-name")]
    [InlineData("/admin/audit", "audit-action")]
    public async Task The_admin_pages_fit_a_phone_screen_without_sideways_scrolling(string path, string cell)
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.SignInAsync("admin", TouchpointApp.AdminPassword);

        await page.OpenAsync(path);
        await Expect(page.GetByTestId(cell).First).ToBeVisibleAsync();

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        await page.ScreenshotAsync($"{path.Replace('/', '-').Trim('-')}-390");
        Assert.True(widths[0] <= widths[1] + 1, $"{path} is {widths[0]}px wide on a {widths[1]}px screen.");
    }
}
