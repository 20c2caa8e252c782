using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Touchpoint.Browser.Tests;

/// <summary>What a person does in the browser, in the words of the tests.</summary>
internal static partial class BrowserSteps
{
    /// <summary>Signs in through the real /signin form and waits until the page it lands on is interactive.</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password)
    {
        await page.GotoAsync("/signin");
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Checking a password is made slow on purpose (key stretching); with the HTTP tests running beside the browser
        // on two cores, a sign-in has been seen to take more than 30 s.
        await page.WaitForURLAsync(NotSignInPage(), new() { Timeout = 60_000 });
        await page.WaitForInteractivityAsync();
    }

    /// <summary>
    /// Waits until the page's circuit has rendered it (the layout's <c>data-interactive</c> turns true). Until then the
    /// page is prerendered HTML: a click does nothing, and what is typed is lost when the circuit renders the page afresh.
    /// A quiet network is no sign of it: on a loaded machine the circuit renders well after the last request.
    /// </summary>
    public static Task WaitForInteractivityAsync(this IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Closes a notification toast (one with an action, "Open") that lands on <paramref name="page"/> before the next
    /// click or check goes on, as a person closes one covering the button they want: in the shared app, other tests'
    /// work notifies the demo users at any moment, and a toast under the pointer stays up while the pointer hovers it.
    /// The page's own confirmations, which tests read, are left alone.
    /// </summary>
    public static Task CloseNotificationToastsAsync(this IPage page) =>
        page.AddLocatorHandlerAsync(
            page.Locator("#mud-snackbar-container .mud-snackbar").Filter(new() { Has = page.Locator(".mud-snackbar-action-button") }).First,
            toast => toast.Locator(".mud-snackbar-close-button").ClickAsync(),
            new() { NoWaitAfter = true });

    /// <summary>Opens a page of the app by its address, as a bookmark or a typed address does, and waits until it answers.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractivityAsync();
    }

    /// <summary>
    /// Opens the drop-down <paramref name="selectTestId"/>, picks <paramref name="option"/> and waits until the list has
    /// closed, which the circuit does once it has taken the choice. The next step then cannot race the choice: a create
    /// click made at once after picking an agency went unanswered under load.
    /// </summary>
    public static async Task ChooseAsync(this IPage page, string selectTestId, string option)
    {
        await page.GetByTestId(selectTestId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
    }

    /// <summary>Saves a screenshot of the viewport when TP_SCREENSHOTS names a folder.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        if (TouchpointApp.ScreenshotDirectory is not { Length: > 0 } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}.png") });
    }

    /// <summary>
    /// Types into the app bar's search box and presses Enter, as an agent does with the number of a caller;
    /// a single exact identity hit opens the 360 page without a stop on the result list.
    /// </summary>
    public static async Task FindCustomerAsync(this IPage page, string typed)
    {
        // The box is in the layout, so it is there in the prerendered page too. Typed into that one, the number is lost
        // when the circuit renders the page afresh, and Enter then searches for nothing and stays on /customers.
        await page.WaitForInteractivityAsync();
        await page.Locator("#appbar-search").FillAsync(typed);
        await page.Locator("#appbar-search").PressAsync("Enter");
        // The search page forwards a single exact hit to the 360 page within the circuit; the caller's assertions wait for the content.
        await page.ArriveAtAsync(CustomerPagesTests.Customer360Url(), $"Searching '{typed}'");
    }

    /// <summary>
    /// Waits until the circuit has navigated to a page matching <paramref name="url"/> after <paramref name="what"/>; when
    /// it does not, the failure says where the browser is and what it shows (a form error, a toast) instead of a bare timeout.
    /// </summary>
    /// <remarks>
    /// The address is polled rather than a navigation event awaited: an in-circuit navigation can change the address
    /// before the wait begins, and a wait for the next navigation then missed it while the page was already there.
    /// </remarks>
    public static async Task ArriveAtAsync(this IPage page, Regex url, string what)
    {
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 15_000 });
        }
        catch (PlaywrightException missed)
        {
            throw new TimeoutException($"{what} did not reach {url}; the browser is at {page.Url} showing: {await VisibleTextAsync(page)}", missed);
        }
    }

    /// <summary>The text input of a MudBlazor date or time picker: its attributes sit on the input or on the picker around it, depending on the version.</summary>
    public static ILocator PickerInput(this IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    /// <summary>A day at least two days after <paramref name="utcNow"/> on which Stockholm keeps winter time (UTC+1).</summary>
    public static DateOnly StockholmWinterDayAfter(DateTime utcNow)
    {
        var stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        var day = DateOnly.FromDateTime(utcNow).AddDays(2);
        while (stockholm.GetUtcOffset(day.ToDateTime(new TimeOnly(12, 0))) != TimeSpan.FromHours(1))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static async Task<string> VisibleTextAsync(IPage page)
    {
        try
        {
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            text = string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return text.Length > 1_500 ? text[..1_500] + " …" : text;
        }
        catch (PlaywrightException e)
        {
            return $"(its text could not be read: {e.Message})";
        }
    }

    /// <summary>A customer of the test's own, through the API with the signed-in user's cookie, so tests that change one do not disturb others.</summary>
    public static async Task<Guid> CreateCustomerAsync(this IPage page, string name, string jurisdiction = "SE")
    {
        var response = await page.Context.APIRequest.PostAsync("/api/customers", new()
        {
            DataObject = new
            {
                name,
                jurisdiction,
                identities = new[] { new { kind = "email", value = $"{Guid.NewGuid():N}@example.org" } },
            },
        });
        if (response.Status != 201)
        {
            throw new InvalidOperationException($"Creating {name} failed: {response.Status} {await response.TextAsync()}");
        }

        using var body = System.Text.Json.JsonDocument.Parse(await response.TextAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// A staff user of the test's own, made by the admin through the API, so counts and lists that follow a user are not
    /// changed by other tests working as the demo users at the same moment. New users read times on the home country's
    /// clock (Stockholm's).
    /// </summary>
    public static async Task<TestStaff> CreateStaffAsync(this TouchpointApp app, string displayName, string role = "Agent")
    {
        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin", TouchpointApp.AdminPassword);
        var userName = $"u{Guid.NewGuid():N}"[..16];
        const string password = "long-enough-password";
        var response = await admin.Context.APIRequest.PostAsync("/api/users", new() { DataObject = new { userName, displayName, password, role } });
        if (response.Status != 201)
        {
            throw new InvalidOperationException($"Creating {displayName} failed: {response.Status} {await response.TextAsync()}");
        }

        using var body = System.Text.Json.JsonDocument.Parse(await response.TextAsync());
        return new TestStaff(body.RootElement.GetProperty("id").GetString()!, userName, password, admin);
    }

    /// <summary>The page fits its viewport's width: nothing makes a phone user scroll sideways.</summary>
    public static async Task AssertNoSidewaysScrollingAsync(this IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"{what} is {widths[0]}px wide on a {widths[1]}px screen.");
    }

    /// <summary>
    /// Every text field in <paramref name="form"/> can be seen and typed in: on screen, at least 200 px wide and with a
    /// border (a field the page's styles miss renders as a borderless sliver, and the form looks empty).
    /// </summary>
    public static async Task AssertInputsUsableAsync(this ILocator form, string what)
    {
        var inputs = form.Locator("input:not([type=hidden]):not([type=checkbox]):not([type=radio])");
        var count = await inputs.CountAsync();
        Assert.True(count > 0, $"{what} has no text field.");
        for (var index = 0; index < count; index++)
        {
            var input = inputs.Nth(index);
            var id = await input.GetAttributeAsync("id") ?? $"input {index + 1}";
            Assert.True(await input.IsVisibleAsync(), $"{what}: {id} is not visible.");
            var box = await input.BoundingBoxAsync();
            Assert.True(box is { Width: >= 200 }, $"{what}: {id} is {box?.Width ?? 0}px wide; a field is at least 200 px wide.");
            var border = await input.EvaluateAsync<string>("e => getComputedStyle(e).borderTopStyle + ' ' + getComputedStyle(e).borderTopWidth");
            Assert.False(border.StartsWith("none", StringComparison.Ordinal) || border.EndsWith(" 0px", StringComparison.Ordinal), $"{what}: {id} has no visible border ({border}).");
        }
    }

    [GeneratedRegex(@"^(?!.*/signin).*$")]
    private static partial Regex NotSignInPage();
}

/// <summary>A user a test made for itself; <see cref="Admin"/> is the admin's page that made them.</summary>
internal sealed record TestStaff(string Id, string UserName, string Password, IPage Admin);
