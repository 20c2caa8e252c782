using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>Orders on the 360 page: an agent adds a service in one order and sees it with its state, items and the new subscription.</summary>
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
        await page.GetByTestId("order-add-plan").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Bredband Fiber 250 (fiber)" }).ClickAsync();
        await page.GetByTestId("order-submit").ClickAsync();

        var order = page.GetByTestId("order");
        // Placing runs the order (checks, coverage, the changes) before the page answers: allow a slow machine its time.
        await Expect(order).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Expect(order.GetByTestId("order-state")).ToHaveTextAsync("completed");
        await Expect(order.GetByTestId("order-item")).ToContainTextAsync("new Bredband Fiber 250");
        await Expect(page.GetByTestId("subscription").Filter(new() { HasText = "Bredband Fiber 250" })).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("timeline-entry").Filter(new() { HasText = "Order completed: new Bredband Fiber 250" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync("customer-orders-1280");
    }
}
