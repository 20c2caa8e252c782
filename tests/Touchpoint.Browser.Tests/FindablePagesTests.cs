using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// Issue 19, done when (4): namesakes are told apart in the search results (the story: "Jan de Vries" gave 27
/// identical rows), a phone number opens the 360 page directly, and the keyboard alone gets there: "/" from any page,
/// the arrow keys through the results, Enter to open one.
/// </summary>
public sealed class FindablePagesTests(TouchpointApp app)
{
    [Fact]
    public async Task Namesakes_show_distinguishable_rows_and_a_phone_number_or_the_keyboard_opens_the_360_page()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        // A name of this test's own, shared by three customers in three cities.
        var name = $"Jan de Vries {Guid.NewGuid():N}"[..18];
        var phones = new[] { UniqueDutchMobile(), UniqueDutchMobile(), UniqueDutchMobile() };
        var cities = new[] { ("3511 AA", "Utrecht"), ("1011 AB", "Amsterdam"), ("2511 CV", "Den Haag") };
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add(await CreateAsync(page, name, phones[i], cities[i].Item1, cities[i].Item2));
        }

        // "/" from a page that is not the search focuses the app bar's box; a name is no exact hit, so the results show.
        await page.OpenAsync("/work");
        await page.Locator("body").PressAsync("/");
        await Expect(page.Locator("#appbar-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(name);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex(@"/customers\?q="), new() { WaitUntil = WaitUntilState.Commit });
        var rows = page.GetByTestId("search-results").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        var texts = await rows.AllInnerTextsAsync();
        Assert.Equal(3, texts.Distinct().Count());
        foreach (var (number, (_, city), phone) in numbers.Zip(cities, phones))
        {
            var row = rows.Filter(new() { HasText = number });
            await Expect(row.GetByTestId("hit-city")).ToHaveTextAsync(city);
            await Expect(row.GetByTestId("hit-phone")).ToHaveTextAsync($"+31 •••• {phone[^4..]}");
        }

        await page.ScreenshotAsync("customer-search-namesakes-1280");

        // From the search field, down into the results, down once more, and Enter opens that customer.
        await page.Locator("#customer-search").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(rows.Nth(0).GetByRole(AriaRole.Link)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(rows.Nth(1).GetByRole(AriaRole.Link)).ToBeFocusedAsync();
        var second = await rows.Nth(1).GetByTestId("hit-number").InnerTextAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(CustomerPagesTests.Customer360Url(), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.GetByTestId("customer-number")).ToContainTextAsync(second.Trim());

        // A phone number, as a Dutch customer says it, goes straight to the 360 page of the one it belongs to.
        await page.FindCustomerAsync($"06-{phones[2][4..]}");
        await Expect(page.GetByTestId("customer-number")).ToContainTextAsync(numbers[2]);
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(name);

        // So does the customer number.
        await page.FindCustomerAsync(numbers[0]);
        await Expect(page.GetByTestId("customer-number")).ToContainTextAsync(numbers[0]);
    }

    [Fact]
    public async Task The_audit_log_finds_a_customers_entries_by_number_and_links_to_the_customer()
    {
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var name = $"Audit Visser {Guid.NewGuid():N}"[..18];
        var number = await CreateAsync(agent, name, UniqueDutchMobile(), "3511 AA", "Utrecht");
        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin", TouchpointApp.AdminPassword);

        await admin.OpenAsync("/admin/audit");
        await admin.Locator("#audit-customer").FillAsync(number);

        // Once the filter has been applied, every entry is about this customer, named and linked, no GUID in sight.
        await Expect(admin.GetByTestId("audit-entity").Filter(new() { HasNotText = $"{name} ({number})" })).ToHaveCountAsync(0);
        var link = admin.GetByTestId("audit-entity").GetByRole(AriaRole.Link, new() { Name = $"{name} ({number})" });
        await Expect(link.First).ToBeVisibleAsync();
        await admin.ScreenshotAsync("audit-by-customer-1280");
        await link.First.ClickAsync();
        await admin.WaitForURLAsync(CustomerPagesTests.Customer360Url(), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(admin.GetByTestId("customer-number")).ToContainTextAsync(number);

        // A number with a wrong check digit says so instead of showing an empty log.
        await admin.OpenAsync("/admin/audit");
        await admin.Locator("#audit-customer").FillAsync(number[..^1] + (char)('0' + ((number[^1] - '0' + 1) % 10)));
        await Expect(admin.GetByText("customer must be a customer number")).ToBeVisibleAsync();
    }

    /// <summary>A Dutch mobile number in E.164 that no other test uses (+3161…: 066 numbers are pagers, not mobiles).</summary>
    private static string UniqueDutchMobile() => $"+3161{Random.Shared.Next(1_000_000, 9_999_999)}";

    private static async Task<string> CreateAsync(IPage page, string name, string phone, string postalCode, string city)
    {
        var response = await page.Context.APIRequest.PostAsync("/api/customers", new()
        {
            DataObject = new
            {
                name,
                jurisdiction = "NL",
                serviceAddress = new { street = "Oudegracht 1", postalCode, city, country = "NL" },
                identities = new[] { new { kind = "msisdn", value = phone } },
            },
        });
        Assert.True(response.Status == 201, $"Creating {name} ({phone}) failed: {response.Status} {await response.TextAsync()}");
        using var body = JsonDocument.Parse(await response.TextAsync());
        return body.RootElement.GetProperty("customerNumber").GetString()!;
    }
}
