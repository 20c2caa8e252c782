using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// Issue 20: the public "Cancel or withdraw" page speaks the visitor's language (their browser's, or the one they
/// choose), and once the code proves who they are, the customer's own, with their clock and currency; so do the code
/// and the confirmation sent to them. Nothing English is left on a page or message meant for another language.
/// </summary>
public sealed partial class LanguagePagesTests(TouchpointApp app)
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    [Fact]
    public async Task A_Danish_customer_cancels_on_the_public_page_in_Danish_with_Copenhagen_times_and_DKK()
    {
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var suffix = Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        // A block the Danish numbering plan assigns (as the demo's S1 number): not every 20xx block is a valid number.
        var msisdn = $"+452055{suffix[3..]}";
        var email = $"mette-{suffix}@example.dk";
        var name = $"Mette Sørensen{suffix}";
        var customer = await PostAsync(agent, "/api/customers", new
        {
            name,
            jurisdiction = "DK",
            identities = new[] { new { kind = "msisdn", value = msisdn }, new { kind = "email", value = email } },
        });
        Assert.Equal("da", customer.RootElement.GetProperty("preferences").GetProperty("preferredLanguage").GetString());
        await PostAsync(agent, "/api/subscriptions", new
        {
            customerId = customer.RootElement.GetProperty("id").GetGuid(),
            planCode = "DK-MOBIL-FRI",
            msisdn,
            startDate = app.UtcNow.AddYears(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });

        // Her browser speaks English: the page does too until it knows who she is, and never says whether the details matched.
        var visitor = await app.NewPageAsync(390, 844);
        await visitor.GotoAsync("/leave");
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Cancel or withdraw");
        await visitor.Locator("#leave-name").FillAsync(name);
        await visitor.Locator("#leave-subscription").FillAsync(msisdn);
        await visitor.Locator("#leave-contact").FillAsync(email);
        await visitor.GetByTestId("leave-send-code").ClickAsync();
        await Expect(visitor.GetByTestId("leave-code-sent")).ToContainTextAsync("we have sent a code");

        // The code goes to her in Danish.
        var code = await MessageToAsync(agent, email, "oneTimeCode");
        Assert.Equal("Din kode til at opsige eller fortryde", code.Subject);
        Assert.StartsWith("Din kode fra Touchpoint er ", code.Content, StringComparison.Ordinal);
        Assert.Empty(EnglishLeaks.In(code.Content, "da"));
        await visitor.Locator("#leave-code-input").FillAsync(SixDigits().Match(code.Content).Value);
        await visitor.GetByTestId("leave-verify").ClickAsync();

        // Recognised: the decision in Danish, its day as Danes write it, the price in kroner, the law by its Danish name.
        var effective = DateOnly.FromDateTime(app.UtcNow).AddMonths(1).ToString("d. MMMM yyyy", Danish);
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Opsig eller fortryd");
        await Expect(visitor.GetByTestId("leave-decision")).ToContainTextAsync($"abonnementet ophører {effective}.");
        await Expect(visitor.GetByTestId("leave-explanation")).ToContainTextAsync("Opsigelsesvarsel: én måned.");
        await Expect(visitor.GetByTestId("leave-price")).ToHaveTextAsync(DanishPrice());
        await Expect(visitor.GetByTestId("leave-rules")).ToHaveTextAsync("Lov: teleloven (EU-105-2)");
        await Expect(visitor.GetByTestId("leave-page")).ToHaveAttributeAsync("lang", "da");
        Assert.Empty(EnglishLeaks.In(await visitor.Locator("body").InnerTextAsync(), "da"));
        await visitor.GetByTestId("leave-confirm-button").ClickAsync();

        // Confirmed in Danish, at the time on a Copenhagen clock.
        await Expect(visitor.GetByTestId("leave-confirmation")).ToContainTextAsync("Opsigelsen er bekræftet");
        await Expect(visitor.GetByTestId("leave-done-date")).ToHaveTextAsync(effective);
        var copenhagen = TimeZoneInfo.ConvertTimeFromUtc(app.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"));
        await Expect(visitor.GetByTestId("leave-confirmed-at")).ToHaveTextAsync(
            new Regex($"^{Regex.Escape(copenhagen.ToString("d. MMMM yyyy", Danish))} kl\\. \\d{{2}}\\.\\d{{2}} \\(dansk tid\\)$"));
        Assert.Empty(EnglishLeaks.In(await visitor.Locator("body").InnerTextAsync(), "da"));

        var reference = (await visitor.GetByTestId("leave-reference").TextContentAsync())!;
        var confirmation = await MessageToAsync(agent, email, "leavingConfirmation");
        Assert.Equal($"Din opsigelse er bekræftet ({reference})", confirmation.Subject);
        Assert.Contains($"ophører {effective}. Reference {reference}.", confirmation.Content, StringComparison.Ordinal);
        Assert.Contains("(dansk tid) bekræftede vi", confirmation.Content, StringComparison.Ordinal);
        Assert.Contains("Retten følger af: teleloven.", confirmation.Content, StringComparison.Ordinal);
        Assert.Empty(EnglishLeaks.In(confirmation.Content, "da"));
    }

    [Fact]
    public async Task A_browser_that_asks_for_Swedish_gets_the_page_in_Swedish()
    {
        var visitor = await app.NewPageAsync(390, 844, locale: "sv-SE");
        await visitor.GotoAsync("/leave");
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Säg upp eller ångra");
        await Expect(visitor.Locator("label[for=leave-name]")).ToHaveTextAsync("Ditt namn");
        await Expect(visitor.GetByTestId("leave-send-code")).ToHaveTextAsync("Skicka en kod till mig");
        await Expect(visitor.GetByTestId("language-current")).ToHaveTextAsync("Svenska");
        Assert.Empty(EnglishLeaks.In(await visitor.Locator("body").InnerTextAsync(), "sv"));

        // A missing detail is named in Swedish too.
        await visitor.GetByTestId("leave-send-code").ClickAsync();
        await Expect(visitor.GetByTestId("leave-error")).ToHaveTextAsync("Ange ditt namn som det står i avtalet.");
    }

    [Fact]
    public async Task A_visitor_switches_the_page_to_Swedish_and_it_stays_Swedish_through_the_steps()
    {
        var visitor = await app.NewPageAsync(390, 844);
        await visitor.GotoAsync("/leave");
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Cancel or withdraw");
        await visitor.GetByTestId("language-sv").ClickAsync();
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Säg upp eller ångra");
        await Expect(visitor).ToHaveURLAsync(LeavePageUrl());

        // Details nobody has: the same answer as for a match, in the language chosen.
        await visitor.Locator("#leave-name").FillAsync("Ingen Alls");
        await visitor.Locator("#leave-subscription").FillAsync("+46700000001");
        await visitor.Locator("#leave-contact").FillAsync("ingen@example.se");
        await visitor.GetByTestId("leave-send-code").ClickAsync();
        await Expect(visitor.GetByTestId("leave-code-sent")).ToContainTextAsync("har vi skickat en kod");
        await Expect(visitor.Locator("label[for=leave-code-input]")).ToHaveTextAsync("Den sexsiffriga koden");
        Assert.Empty(EnglishLeaks.In(await visitor.Locator("body").InnerTextAsync(), "sv"));
    }

    private sealed record SentMessage(string Subject, string Content);

    /// <summary>The demo has no e-mail gateway: the outbox (TMF681, as staff) stands in for the customer's inbox.</summary>
    private static async Task<SentMessage> MessageToAsync(IPage staff, string email, string purpose)
    {
        var response = await staff.Context.APIRequest.GetAsync($"/tmf-api/communicationManagement/v4/communicationMessage?receiver.email={Uri.EscapeDataString(email)}");
        using var messages = JsonDocument.Parse(await response.TextAsync());
        var message = messages.RootElement.EnumerateArray()
            .First(m => m.TryGetProperty("characteristic", out var characteristics)
                && characteristics.EnumerateArray().Any(c => c.GetProperty("name").GetString() == "purpose" && c.GetProperty("value").GetString() == purpose));
        return new SentMessage(message.GetProperty("subject").GetString()!, message.GetProperty("content").GetString()!);
    }

    private static async Task<JsonDocument> PostAsync(IPage page, string path, object data)
    {
        var response = await page.Context.APIRequest.PostAsync(path, new() { DataObject = data });
        return response.Status == 201
            ? JsonDocument.Parse(await response.TextAsync())
            : throw new InvalidOperationException($"POST {path} failed: {response.Status} {await response.TextAsync()}");
    }

    [GeneratedRegex(@"^Indtil da betaler du 299,00\s+kr\. om måneden\.$")]
    private static partial Regex DanishPrice();

    [GeneratedRegex(@"/leave$")]
    private static partial Regex LeavePageUrl();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
