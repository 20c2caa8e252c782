using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// Orders on the 360 page: an agent adds a service in one order and sees it with its state, items and the new
/// subscription; the form offers only the customer's country's plans, shows the price before and after, takes a
/// requested date and asks binding consent in so many words.
/// </summary>
public sealed class OrderPagesTests(TouchpointApp app)
{
    [Fact]
    public async Task Agent_orders_fiber_for_magnus_from_the_360_page_and_sees_the_completed_order_and_the_new_subscription()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        await page.FindCustomerAsync("+46 70 777 04 04");
        await Expect(page.GetByTestId("no-orders")).ToBeVisibleAsync();

        await page.GetByTestId("new-order").ClickAsync();
        await page.ChooseAsync("order-add-plan", "Bredband Fiber 250 (fiber, 399,00 kr a month)");
        await page.GetByTestId("order-submit").ClickAsync();

        var order = page.GetByTestId("order");
        var refused = page.GetByTestId("order-error");
        // Placing runs the order (checks, coverage, the changes) before the page answers: allow a slow machine its time.
        await Expect(order.Or(refused)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.False(await refused.IsVisibleAsync(), "The order was refused: " + string.Join(" ", await refused.AllInnerTextsAsync()));
        await Expect(order).ToHaveCountAsync(1);
        await Expect(order.GetByTestId("order-state")).ToHaveTextAsync("Completed");
        await Expect(order.GetByTestId("order-item")).ToContainTextAsync("new Bredband Fiber 250");
        await Expect(page.GetByTestId("subscription").Filter(new() { HasText = "Bredband Fiber 250" })).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("timeline-entry").Filter(new() { HasText = "Order completed: new Bredband Fiber 250" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync("customer-orders-1280");
    }

    [Fact]
    public async Task Agent_orders_a_plan_change_for_a_later_date_seeing_the_price_before_and_after_and_asking_binding_consent_explicitly()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customer = await CreateSwedishMobileCustomerAsync(page, "Olle Orderform");
        await page.OpenAsync($"/customers/{customer}");
        await Expect(page.GetByTestId("no-orders")).ToBeVisibleAsync();

        await page.GetByTestId("new-order").ClickAsync();
        var form = page.GetByTestId("order-form");
        await Expect(form).ToBeVisibleAsync();
        await page.GetByTestId("order-subscription").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Mobil 430" }).ClickAsync();

        // Only Swedish plans in kronor: no Danish, Dutch or Norwegian ones.
        await page.GetByTestId("order-new-plan").ClickAsync();
        var fast600 = page.GetByRole(AriaRole.Option, new() { Name = "Mobil Fast 600 (4G, 600,00 kr a month)" });
        await Expect(fast600).ToBeVisibleAsync();
        var offered = await page.GetByRole(AriaRole.Option).AllInnerTextsAsync();
        Assert.All(offered, o => Assert.EndsWith("kr a month)", o, StringComparison.Ordinal));
        Assert.DoesNotContain(offered, o => o.Contains("Mobil Fri Tale", StringComparison.Ordinal) || o.Contains("Internet Thuis", StringComparison.Ordinal));
        await fast600.ClickAsync();

        await Expect(page.GetByTestId("order-price-before")).ToHaveTextAsync("430,00 kr");
        await Expect(page.GetByTestId("order-price-after")).ToHaveTextAsync("600,00 kr (+170,00 kr)");
        await Expect(page.GetByTestId("order-price-line")).ToHaveTextAsync("Mobil 430 → Mobil Fast 600: 430,00 kr → 600,00 kr a month");

        // A binding is a choice of its own, and taken only when the customer says yes to it.
        await Expect(page.GetByTestId("order-binding-consent")).ToHaveCountAsync(0);
        await page.GetByTestId("order-change-binding").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "12 months" }).ClickAsync();
        var consent = page.GetByText("The customer explicitly agrees to be bound: 12 months on Mobil Fast 600 (EU-107).");
        await Expect(consent).ToBeVisibleAsync();

        var requestedDay = DateOnly.FromDateTime(app.UtcNow).AddDays(7);
        var requested = requestedDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Locator("#order-requested-date").FillAsync(requested);
        await page.GetByTestId("order-submit").ClickAsync();
        await Expect(page.GetByTestId("order-error")).ToContainTextAsync("only taken with the customer's explicit consent (EU-107)");
        await Expect(page.GetByTestId("order")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("customer-new-order-1280");

        await consent.ClickAsync();
        await page.GetByTestId("order-submit").ClickAsync();
        var order = page.GetByTestId("order");
        await Expect(order).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Expect(order.GetByTestId("order-state")).ToHaveTextAsync("Received");
        // The day starts at midnight on the agent's clock (Stockholm, the home country's).
        await Expect(order).ToContainTextAsync($"runs {Touchpoint.Domain.Platform.WallClock.FormatDate(requestedDay)} 00:00");
        await Expect(order.GetByTestId("order-item")).ToContainTextAsync("plan change to Mobil Fast 600");
        // Nothing changes before the requested date.
        await Expect(page.GetByTestId("subscription").Filter(new() { HasText = "Mobil 430" })).ToHaveCountAsync(1);
    }

    /// <summary>A Swedish customer in Stockholm with one mobile line (Mobil 430), through the API with the signed-in agent's cookie.</summary>
    private static async Task<Guid> CreateSwedishMobileCustomerAsync(IPage page, string name)
    {
        var customer = await page.Context.APIRequest.PostAsync("/api/customers", new()
        {
            DataObject = new
            {
                name,
                jurisdiction = "SE",
                serviceAddress = new { street = "Hornsgatan 20", postalCode = "11820", city = "Stockholm", country = "SE" },
                identities = new[] { new { kind = "email", value = $"{Guid.NewGuid():N}@example.org" } },
            },
        });
        Assert.True(customer.Status == 201, await customer.TextAsync());
        using var created = System.Text.Json.JsonDocument.Parse(await customer.TextAsync());
        var id = created.RootElement.GetProperty("id").GetGuid();
        var msisdn = string.Create(CultureInfo.InvariantCulture, $"+4676{Random.Shared.Next(1_000_000, 9_999_999)}");
        var subscription = await page.Context.APIRequest.PostAsync("/api/subscriptions", new() { DataObject = new { customerId = id, planCode = "SE-MOBIL-430", msisdn } });
        Assert.True(subscription.Status == 201, await subscription.TextAsync());
        return id;
    }
}
