using System.Text.Json.Nodes;

namespace Touchpoint.Tests.Tmf;

/// <summary>TMF681 CommunicationMessage: the outbox of messages to customers, read-only, validated against the spec.</summary>
public abstract class Tmf681CommunicationApiTests(TouchpointApp app) : TmfApiTestBase(app)
{
    private const string MessagesPath = "/tmf-api/communicationManagement/v4/communicationMessage";

    private static TmfSchema MessageSchema => TmfSchema.For("TMF681-Communication", "CommunicationMessage");

    /// <summary>Asks for a cancellation code for a new customer; returns the customer id.</summary>
    private async Task<string> CodeRequestedAsync(string mobile, string email)
    {
        var name = UniqueName();
        var customerId = await CreateCustomerAsync(name, mobile, email);
        using var agent = await AgentAsync();
        using (var subscribed = await agent.PostAsJsonAsync("/api/subscriptions", new { customerId, planCode = "SE-MOBIL-430", msisdn = mobile }, Cancel))
        {
            await HttpAssert.JsonAsync(subscribed, HttpStatusCode.Created);
        }

        using var visitor = App.CreateAnonymousClient();
        using var started = await visitor.PostAsJsonAsync("/api/leave/requests", new { name, subscription = mobile, contact = mobile }, Cancel);
        await HttpAssert.JsonAsync(started, HttpStatusCode.Accepted);
        return customerId;
    }

    [Fact]
    public async Task A_code_sent_by_SMS_is_a_valid_CommunicationMessage_listed_by_receiver_and_read_by_id()
    {
        var mobile = UniqueMobile();
        var customerId = await CodeRequestedAsync(mobile, UniqueEmail());
        using var client = await AgentAsync();

        using var list = await client.GetAsync($"{MessagesPath}?receiver.id={customerId}", Cancel);
        var (items, total) = await ValidListAsync(list, MessageSchema);

        var message = Assert.Single(items);
        Assert.Equal(1, total);
        Assert.Equal("sms", message["messageType"]!.GetValue<string>());
        Assert.Equal("initial", message["state"]!.GetValue<string>());
        Assert.Null(message["sendTime"]);
        Assert.Equal(mobile, message["receiver"]![0]!["phoneNumber"]!.GetValue<string>());
        Assert.Equal(customerId, message["receiver"]![0]!["party"]!["id"]!.GetValue<string>());
        Assert.Matches(@"\b\d{6}\b", message["content"]!.GetValue<string>());
        Assert.Equal("oneTimeCode", Characteristic(message, "characteristic", "purpose")!["value"]!.GetValue<string>());

        using var byNumber = await client.GetAsync($"{MessagesPath}?receiver.phoneNumber={Uri.EscapeDataString("0" + mobile[3..])}", Cancel);
        Assert.Equal(message["id"]!.GetValue<string>(), Assert.Single((await ValidListAsync(byNumber, MessageSchema)).Items)["id"]!.GetValue<string>());

        var id = message["id"]!.GetValue<string>();
        using var one = await client.GetAsync($"{MessagesPath}/{id}?fields=state", Cancel);
        var selected = await ValidAsync(one, MessageSchema);
        Assert.Equal("initial", selected["state"]!.GetValue<string>());
        Assert.Null(selected["content"]);
    }

    [Fact]
    public async Task Unknown_ids_bad_filters_and_anonymous_callers_are_refused()
    {
        using var client = await AgentAsync();
        using (var unknown = await client.GetAsync($"{MessagesPath}/{Guid.NewGuid()}", Cancel))
        {
            await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        }

        using (var badReceiver = await client.GetAsync($"{MessagesPath}?receiver.id=nobody", Cancel))
        {
            await HttpAssert.ValidationProblemAsync(badReceiver, "receiver.id");
        }

        using var anonymous = App.CreateAnonymousClient();
        using var refused = await anonymous.GetAsync(MessagesPath, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static JsonObject NewMessage(string customerId, string email, string subject) => new()
    {
        ["messageType"] = "email",
        ["subject"] = subject,
        ["content"] = "Your new router is on its way.",
        ["receiver"] = new JsonArray(new JsonObject { ["email"] = email, ["party"] = new JsonObject { ["id"] = customerId, ["@referredType"] = "Customer" } }),
        ["sender"] = new JsonObject { ["name"] = "Anna Agent" },
    };

    [Fact]
    public async Task A_valid_CommunicationMessage_Create_writes_to_the_customers_address_on_file_and_reads_back_valid()
    {
        var email = UniqueEmail();
        var customerId = await CreateCustomerAsync(mobile: UniqueMobile(), email: email);
        using var client = await AgentAsync();

        using var created = await PostValidAsync(client, MessagesPath, "TMF681-Communication", "CommunicationMessage_Create", NewMessage(customerId, email, "Your router"));
        var message = await ValidAsync(created, MessageSchema, HttpStatusCode.Created);
        Assert.Equal($"{MessagesPath}/{message["id"]!.GetValue<string>()}", created.Headers.Location?.OriginalString);
        Assert.Equal(("initial", "Your router", email), (message["state"]!.GetValue<string>(), message["subject"]!.GetValue<string>(),
            message["receiver"]![0]!["email"]!.GetValue<string>()));
        Assert.Equal("reply", Characteristic(message, "characteristic", "purpose")!["value"]!.GetValue<string>());
        Assert.Equal("Anna Agent", message["sender"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Header_injection_an_address_not_on_file_a_missing_receiver_and_a_null_characteristic_are_refused_naming_the_field()
    {
        var email = UniqueEmail();
        var customerId = await CreateCustomerAsync(mobile: UniqueMobile(), email: email);
        using var client = await AgentAsync();

        using (var injected = await PostAsync(client, MessagesPath, NewMessage(customerId, email, "Hello\r\nBcc: everyone@example.com")))
        {
            await HttpAssert.ValidationProblemAsync(injected, "subject");
        }

        using (var elsewhere = await PostAsync(client, MessagesPath, NewMessage(customerId, "someone.else@example.com", "Hello")))
        {
            await HttpAssert.ValidationProblemAsync(elsewhere, "receiver[0].email");
        }

        // Found by the fuzzer: a null in the characteristic list was a 500.
        var nullCharacteristic = NewMessage(customerId, email, "Hello");
        nullCharacteristic["characteristic"] = new JsonArray((JsonNode?)null);
        using (var withNull = await PostAsync(client, MessagesPath, nullCharacteristic))
        {
            await HttpAssert.ValidationProblemAsync(withNull, "characteristic[0]");
        }

        var noReceiver = NewMessage(customerId, email, "Hello");
        noReceiver.Remove("receiver");
        using (var missing = await PostAsync(client, MessagesPath, noReceiver))
        {
            await HttpAssert.ValidationProblemAsync(missing, "receiver");
        }

        using var list = await client.GetAsync($"{MessagesPath}?receiver.id={customerId}", Cancel);
        Assert.Empty((await ValidListAsync(list, MessageSchema)).Items);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class Tmf681CommunicationApiTestsOnSqlite(SqliteApp app) : Tmf681CommunicationApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class Tmf681CommunicationApiTestsOnPostgres(PostgresApp app) : Tmf681CommunicationApiTests(app), IClassFixture<PostgresApp>;
