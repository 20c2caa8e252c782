using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Touchpoint.Domain.Platform;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// S4-2 and S2-3 on the pages: a store clerk promises "customer service calls you back", on her own clock, owned by the
/// customer-service queue rather than a person she has to guess; an agent of that queue picks it up from My work.
/// </summary>
public sealed class QueuePagesTests(TouchpointApp app)
{
    private const string Promised = "Customer service calls back about cancelling the line";

    [Fact]
    public async Task A_store_clerk_promises_a_callback_owned_by_the_customer_service_queue_in_Stockholm_time_and_an_agent_picks_it_up_from_my_work()
    {
        var store = await app.NewPageAsync();
        await store.SignInAsync("store", TouchpointApp.DemoPassword);
        await Expect(store.GetByTestId("staff-time-zone")).ToHaveTextAsync("Stockholm time");
        var customerId = await store.CreateCustomerAsync("Magnus Queue");
        await store.OpenAsync($"/customers/{customerId}");

        // At 14:20 on the clerk's clock, customer service's to keep; she works in the store, so that is where it was promised.
        var day = BrowserSteps.StockholmWinterDayAfter(app.UtcNow);
        await store.GetByTestId("promise-callback").ClickAsync();
        await Expect(store.GetByTestId("promise-made-via")).ToContainTextAsync("Store");
        await store.GetByRole(AriaRole.Radio, new() { Name = "At a time" }).CheckAsync();
        var date = store.PickerInput("promise-date");
        await date.FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await date.PressAsync("Tab");
        var time = store.PickerInput("promise-time");
        await time.FillAsync("14:20");
        await time.PressAsync("Tab");
        await store.ChooseAsync("promise-owner", "Customer service queue (led by Lars Lead)");
        await store.Locator("#promise-description").FillAsync(Promised);
        await store.ScreenshotAsync("promise-to-queue-dialog-1280");
        await store.GetByTestId("promise-submit").ClickAsync();

        var onThe360 = store.GetByTestId("open-promise").Filter(new() { HasText = Promised });
        await Expect(onThe360).ToContainTextAsync("Customer service queue");
        await Expect(onThe360).ToContainTextAsync($"due {WallClock.FormatDate(day)} 14:20");
        var listed = await store.Context.APIRequest.GetAsync($"/api/promises?customerId={customerId}");
        var promise = JsonDocument.Parse(await listed.TextAsync()).RootElement.EnumerateArray().Single();
        Assert.Equal(day.ToDateTime(new TimeOnly(13, 20)), promise.GetProperty("dueAt").GetDateTime().ToUniversalTime());
        Assert.Equal(("store", "customer-service"), (promise.GetProperty("madeVia").GetString(), promise.GetProperty("waitingIn").GetProperty("id").GetString()));

        // Anna works from the queue: it waits in her My work until she picks it up, and then it is hers.
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        await agent.OpenAsync("/work");
        var waiting = agent.GetByTestId("queue-item").Filter(new() { HasText = Promised });
        await Expect(waiting).ToContainTextAsync("Customer service queue");
        await Expect(waiting).ToContainTextAsync("Magnus Queue");
        await Expect(waiting).ToContainTextAsync($"{WallClock.FormatDate(day)} 14:20");
        await agent.ScreenshotAsync("my-work-queue-1280");
        await waiting.GetByTestId("queue-claim").ClickAsync();

        await Expect(agent.GetByTestId("work-item").Filter(new() { HasText = Promised })).ToBeVisibleAsync();
        await Expect(waiting).ToHaveCountAsync(0);
        await Expect(onThe360).ToContainTextAsync("Anna Agent");
        var claimed = await agent.Context.APIRequest.GetAsync($"/api/promises/{promise.GetProperty("id").GetString()}");
        var mine = JsonDocument.Parse(await claimed.TextAsync()).RootElement;
        Assert.Equal(("Anna Agent", JsonValueKind.Null), (mine.GetProperty("ownerName").GetString(), mine.GetProperty("waitingIn").ValueKind));
    }
}
