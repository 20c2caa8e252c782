using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Coverage;

namespace Touchpoint.Tests.Scenarios;

/// <summary>The steps order scenarios are told in, each through the public API as an agent would take it.</summary>
internal static class OrderSteps
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body, Cancel);

    /// <returns>The new customer's id.</returns>
    public static async Task<string> CreateCustomerAsync(this HttpClient client, string name, string jurisdiction, string? nationalId = null, object? serviceAddress = null)
    {
        var identities = new List<object> { new { kind = "email", value = $"order.{Guid.NewGuid():N}@example.com" } };
        if (nationalId is not null)
        {
            identities.Add(new { kind = "nationalId", value = nationalId });
        }

        using var response = await client.PostAsync("/api/customers", new { name, jurisdiction, serviceAddress, identities });
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    /// <returns>The new subscription's id.</returns>
    public static async Task<string> SubscribeAsync(this HttpClient client, string customerId, string planCode, string? msisdn = null, object? serviceAddress = null)
    {
        using var response = await client.PostAsync("/api/subscriptions", new { customerId, planCode, msisdn, serviceAddress });
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    /// <summary>The customer as the 360 view answers it (GET /api/customers/{id}).</summary>
    public static async Task<JsonElement> CustomerAsync(this HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}", Cancel);
        return (await HttpAssert.JsonAsync(response)).Clone();
    }

    public static async Task<List<JsonElement>> SubscriptionsAsync(this HttpClient client, string customerId) =>
        (await client.CustomerAsync(customerId)).GetProperty("subscriptions").EnumerateArray().ToList();

    public static async Task<List<JsonElement>> OrdersAsync(this HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/api/orders?customerId={customerId}", Cancel);
        return (await HttpAssert.JsonAsync(response)).EnumerateArray().Select(o => o.Clone()).ToList();
    }

    public static async Task<List<JsonElement>> TimelineAsync(this HttpClient client, string customerId, string? kind = null)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?limit=200{(kind is null ? "" : $"&kind={kind}")}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>What the outbox holds for the customer (TMF681), newest first.</summary>
    public static async Task<List<JsonElement>> MessagesAsync(this HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/tmf-api/communicationManagement/v4/communicationMessage?receiver.id={customerId}", Cancel);
        return (await HttpAssert.JsonAsync(response)).EnumerateArray().Select(m => m.Clone()).ToList();
    }

    /// <summary>Coverage of one postcode, as an import would leave it (the import itself is the coverage feature's).</summary>
    public static Task SetCoverageAsync(this TouchpointApp app, string country, string postalCode, string technologies) =>
        app.WithDbContextAsync(async db =>
        {
            Assert.True(PostalCodes.TryNormalize(Jurisdictions.TryParse(country, out var jurisdiction, out _) ? jurisdiction : default, postalCode, out var key, out var error), error);
            var area = await db.CoverageAreas.FirstOrDefaultAsync(a => a.Country == country && a.PostalCode == key, Cancel);
            if (area is null)
            {
                db.CoverageAreas.Add(new CoverageArea { Country = country, PostalCode = key, Technologies = technologies, Source = "test", ImportedAt = app.UtcNow });
            }
            else
            {
                area.Technologies = technologies;
            }

            return await db.SaveChangesAsync(Cancel);
        });

    /// <summary>A Swedish mobile number of no one's, in its canonical form.</summary>
    public static string SwedishMobileNumber() => string.Create(CultureInfo.InvariantCulture, $"+4673{Random.Shared.Next(1_000_000, 9_999_999)}");

    /// <summary>A valid Swedish personal number of someone born 1950–1999, written as people do (YYYYMMDD-NNNC).</summary>
    public static string SwedishPersonalNumber()
    {
        var born = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 365 * 50));
        var digits = string.Create(CultureInfo.InvariantCulture, $"{born:yyMMdd}{Random.Shared.Next(0, 1000):000}");
        // The check digit is the Luhn digit of the ten-digit form's first nine.
        var sum = digits.Select((c, i) => (c - '0') * (i % 2 == 0 ? 2 : 1)).Sum(v => (v / 10) + (v % 10));
        return string.Create(CultureInfo.InvariantCulture, $"{born:yyyyMMdd}-{digits[6..]}{(10 - (sum % 10)) % 10}");
    }
}
