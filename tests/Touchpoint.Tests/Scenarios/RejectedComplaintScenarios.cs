using System.Text.Json.Nodes;
using Touchpoint.Tests.Tmf;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// RULES.md ADR: a rejected complaint tells the customer which dispute body they can turn to, and it says so on every
/// surface — REST, the TMF621 ticket (statusChangeReason and a DisputeBody note, valid against the spec), the case's
/// timeline and the message the customer is sent. A rejected request gives its reason but names no dispute body.
/// </summary>
public abstract class RejectedComplaintScenarios(TouchpointApp app) : TmfApiTestBase(app)
{
    private const string Tickets = "/tmf-api/troubleTicket/v4/troubleTicket";
    private const string Messages = "/tmf-api/communicationManagement/v4/communicationMessage";
    private const string Reason = "The three-month notice follows the contract you signed";
    private const string Teleankenaevnet = "If you do not accept our answer, you can complain to Teleankenævnet";

    private static TmfSchema TicketSchema => TmfSchema.For("TMF621-TroubleTicket", "TroubleTicket");

    [Fact]
    public async Task A_rejected_complaint_names_the_dispute_body_in_REST_TMF621_the_timeline_and_the_customers_message()
    {
        using var agent = await AgentAsync();
        var (customerId, phone) = await CreateDanishCustomerAsync(agent);
        var (id, reference) = await CreateCaseAsync(agent, customerId, "complaint", "Refund the new notice period");

        using var rejected = await agent.PostAsJsonAsync($"/api/cases/{id}/status", new { status = "rejected", reason = Reason }, Cancel);
        var view = await HttpAssert.JsonAsync(rejected);
        Assert.Equal(("Teleankenævnet", "ADR"), (view.GetProperty("disputeBody").GetProperty("name").GetString(), view.GetProperty("disputeBody").GetProperty("ruleId").GetString()));

        var entry = Assert.Single(view.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("title").GetString() == $"Case {reference}: acknowledged → rejected");
        Assert.StartsWith($"{Reason}\n{Teleankenaevnet}", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("(rule ADR: Teleankenævnet)", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The customer is written to at the number on file, with the reason and where to turn.
        var message = Assert.Single(await MessagesAsync(agent, customerId, "caseRejected"));
        Assert.Equal(("sms", phone), (message["messageType"]!.GetValue<string>(), message["receiver"]![0]!["phoneNumber"]!.GetValue<string>()));
        // In the customer's language: she is Danish.
        Assert.Equal($"Vores svar på din sag: klage ({reference})", message["subject"]!.GetValue<string>());
        var content = message["content"]!.GetValue<string>();
        Assert.Contains($"Vi kan desværre ikke imødekomme den: {Reason}", content, StringComparison.Ordinal);
        Assert.Contains("Hvis du er uenig, kan du gratis indbringe din klage for Teleankenævnet, et uafhængigt nævn: https://teleanke.dk/", content, StringComparison.Ordinal);
        Assert.Contains("Mens din klage behandles der, opkræver vi ikke det omtvistede beløb.", content, StringComparison.Ordinal);
        Assert.Empty(EnglishLeaks.In(content, "da"));

        // TMF621: the latest status change's reason names the body, and a DisputeBody note says what the customer was told.
        using var read = await agent.GetAsync($"{Tickets}/{id}", Cancel);
        var ticket = await ValidAsync(read, TicketSchema);
        var statusReason = ticket["statusChangeReason"]!.GetValue<string>();
        Assert.StartsWith($"{Reason} — {Teleankenaevnet}", statusReason, StringComparison.Ordinal);
        Assert.Equal(statusReason, Objects(ticket["statusChange"]).Last()["changeReason"]!.GetValue<string>());
        var note = Assert.Single(Objects(ticket["note"]), n => n["@type"]?.GetValue<string>() == "DisputeBody");
        Assert.Equal(("Note", "Anna Agent"), (note["@baseType"]!.GetValue<string>(), note["author"]!.GetValue<string>()));
        Assert.StartsWith(Teleankenaevnet, note["text"]!.GetValue<string>(), StringComparison.Ordinal);

        // Sent back with the ticket, Touchpoint's own note is ignored rather than refused or added.
        using var echoed = await MergePatchAsync(agent, $"{Tickets}/{id}", new JsonObject { ["note"] = new JsonArray(note.DeepClone()) });
        var afterEcho = await ValidAsync(echoed, TicketSchema);
        Assert.Single(Objects(afterEcho["note"]));
    }

    [Fact]
    public async Task A_complaint_rejected_through_TMF621_is_written_to_the_customer_with_the_dispute_body_too()
    {
        using var agent = await AgentAsync();
        var (customerId, _) = await CreateDanishCustomerAsync(agent);
        var (id, _) = await CreateCaseAsync(agent, customerId, "complaint", "Cancel the fee for the port-in form");

        using var patched = await MergePatchAsync(agent, $"{Tickets}/{id}", new JsonObject { ["status"] = "rejected", ["statusChangeReason"] = Reason });
        var ticket = await ValidAsync(patched, TicketSchema);

        Assert.Contains("Teleankenævnet", ticket["statusChangeReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(Objects(ticket["note"]), n => n["@type"]?.GetValue<string>() == "DisputeBody");
        Assert.Contains("indbringe din klage for Teleankenævnet", Assert.Single(await MessagesAsync(agent, customerId, "caseRejected"))["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_request_gives_its_reason_everywhere_but_names_no_dispute_body()
    {
        using var agent = await AgentAsync();
        var (customerId, _) = await CreateDanishCustomerAsync(agent);
        var (id, _) = await CreateCaseAsync(agent, customerId, "request", "A free phone with the renewal");

        using var rejected = await agent.PostAsJsonAsync($"/api/cases/{id}/status", new { status = "rejected", reason = "Not part of the offer" }, Cancel);
        Assert.Equal(JsonValueKind.Null, (await HttpAssert.JsonAsync(rejected)).GetProperty("disputeBody").ValueKind);

        using var read = await agent.GetAsync($"{Tickets}/{id}", Cancel);
        var ticket = await ValidAsync(read, TicketSchema);
        Assert.Equal("Not part of the offer", ticket["statusChangeReason"]!.GetValue<string>());
        Assert.DoesNotContain(Objects(ticket["note"]), n => n["@type"]?.GetValue<string>() == "DisputeBody");
        var content = Assert.Single(await MessagesAsync(agent, customerId, "caseRejected"))["content"]!.GetValue<string>();
        Assert.Contains("Vi kan desværre ikke imødekomme den: Not part of the offer", content, StringComparison.Ordinal);
        Assert.DoesNotContain("Teleankenævnet", content, StringComparison.Ordinal);
    }

    // ---- helpers ----

    /// <summary>The customer's messages of one purpose in the outbox (TMF681), newest first.</summary>
    private static async Task<List<JsonObject>> MessagesAsync(HttpClient client, string customerId, string purpose)
    {
        using var response = await client.GetAsync($"{Messages}?receiver.id={customerId}&limit=100", Cancel);
        var (items, _) = await ValidListAsync(response, TmfSchema.For("TMF681-Communication", "CommunicationMessage"));
        return items.Where(m => Objects(m["characteristic"]).Any(c => c["name"]?.GetValue<string>() == "purpose" && c["value"]?.GetValue<string>() == purpose)).ToList();
    }

    private static async Task<(string Id, string Reference)> CreateCaseAsync(HttpClient client, string customerId, string type, string need)
    {
        using var response = await client.PostAsJsonAsync("/api/cases", new { customerId, type, channel = "phone", need }, Cancel);
        var created = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return (created.GetProperty("id").GetString()!, created.GetProperty("reference").GetString()!);
    }

    /// <summary>A Danish customer reachable only by phone, so the message goes by SMS.</summary>
    private static async Task<(string Id, string Phone)> CreateDanishCustomerAsync(HttpClient client)
    {
        var phone = $"+4520{Random.Shared.Next(100_000, 999_999)}";
        using var response = await client.PostAsJsonAsync("/api/customers",
            new { name = "Henrik Afvist", jurisdiction = "DK", identities = new[] { new { kind = "msisdn", value = phone } } }, Cancel);
        return ((await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!, phone);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class RejectedComplaintScenariosOnSqlite(SqliteApp app) : RejectedComplaintScenarios(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class RejectedComplaintScenariosOnPostgres(PostgresApp app) : RejectedComplaintScenarios(app), IClassFixture<PostgresApp>;
