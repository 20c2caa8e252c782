using System.Text.Json.Nodes;

namespace Touchpoint.Tests.Tmf;

/// <summary>
/// TMF621 TroubleTicket through HTTP: cases opened, read, listed and moved as trouble tickets, every response checked
/// against the spec, bad input answered with a 400 naming the field of the TMF body; and hub registration.
/// </summary>
public abstract class Tmf621TroubleTicketApiTests(TouchpointApp app) : TmfApiTestBase(app)
{
    internal const string Tickets = "/tmf-api/troubleTicket/v4/troubleTicket";
    internal const string Hub = "/tmf-api/troubleTicket/v4/hub";

    internal static TmfSchema TicketSchema => TmfSchema.For("TMF621-TroubleTicket", "TroubleTicket");

    private static readonly int[] BindingOptions = [0, 12, 24];

    /// <summary>A TroubleTicket_Create body for a customer: a complaint raised by phone.</summary>
    internal static JsonObject TicketBody(string customerId, string description = "My bill doubled without warning", string ticketType = "complaint") => new()
    {
        ["description"] = description,
        ["severity"] = "Major",
        ["ticketType"] = ticketType,
        ["channel"] = new JsonObject { ["id"] = "tel", ["name"] = "Telephone" },
        ["relatedParty"] = new JsonArray(new JsonObject
        {
            ["id"] = customerId, ["href"] = $"/tmf-api/customerManagement/v4/customer/{customerId}", ["role"] = "customer", ["@referredType"] = "Customer",
        }),
    };

    private async Task<JsonObject> CreateTicketAsync(JsonObject body)
    {
        using var client = await AgentAsync();
        using var response = await PostValidAsync(client, Tickets, "TMF621-TroubleTicket", "TroubleTicket_Create", body);
        return await ValidAsync(response, TicketSchema, HttpStatusCode.Created);
    }

    private async Task<JsonObject> PatchTicketAsync(string id, JsonObject patch, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var client = await AgentAsync();
        using var response = await MergePatchAsync(client, $"{Tickets}/{id}", patch);
        return await ValidAsync(response, TicketSchema, status);
    }

    private async Task<string> CreateSubscriptionAsync(string customerId)
    {
        var code = $"TT-{Guid.NewGuid():N}"[..20];
        using (var admin = await App.CreateAdminClientAsync())
        using (var plan = await admin.PostAsJsonAsync("/api/plans",
                   new { code, name = $"Plan {code}", monthlyPrice = 349m, currency = "SEK", bindingOptions = BindingOptions, technology = "5G" }, Cancel))
        {
            await HttpAssert.JsonAsync(plan, HttpStatusCode.Created);
        }

        using var client = await AgentAsync();
        using var response = await PostAsync(client, Products, new JsonObject
        {
            ["status"] = "active",
            ["startDate"] = "2026-01-15T00:00:00Z",
            ["productOffering"] = new JsonObject { ["id"] = code },
            ["productCharacteristic"] = new JsonArray(
                new JsonObject { ["name"] = "msisdn", ["value"] = UniqueMobile() },
                new JsonObject { ["name"] = "bindingMonths", ["value"] = 0 }),
            ["relatedParty"] = new JsonArray(new JsonObject { ["id"] = customerId, ["role"] = "customer", ["@referredType"] = "Customer" }),
        });
        return (await ValidAsync(response, ProductSchema, HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    private async Task<string> CreateInteractionAsync(string customerId, string reason)
    {
        var start = App.UtcNow.AddHours(-1);
        using var client = await AgentAsync();
        using var response = await PostAsync(client, Interactions, new JsonObject
        {
            ["interactionDate"] = new JsonObject { ["startDateTime"] = start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) },
            ["reason"] = reason,
            ["status"] = "completed",
            ["direction"] = "inbound",
            ["channel"] = new JsonArray(new JsonObject { ["id"] = "phone" }),
            ["relatedParty"] = new JsonArray(new JsonObject { ["id"] = customerId, ["role"] = "customer", ["@referredType"] = "Customer" }),
        });
        return (await ValidAsync(response, InteractionSchema, HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static JsonObject Role(JsonObject resource, string property, string role) =>
        Assert.Single(Objects(resource[property]), p => Text(p["role"]) == role);

    [Fact]
    public async Task Opening_a_ticket_returns_201_and_a_valid_ticket_with_customer_owner_subscription_contact_notes_and_questions()
    {
        var customerId = await CreateCustomerAsync();
        var subscriptionId = await CreateSubscriptionAsync(customerId);
        var contactId = await CreateInteractionAsync(customerId, "Complains about the bill");
        var body = TicketBody(customerId);
        body["name"] = "Price shock";
        body["relatedEntity"] = new JsonArray(
            new JsonObject { ["id"] = subscriptionId, ["role"] = "disputed product", ["@referredType"] = "Product" },
            new JsonObject { ["id"] = contactId, ["role"] = "contact", ["@referredType"] = "PartyInteraction" });
        body["note"] = new JsonArray(
            new JsonObject { ["text"] = "Customer is calm but firm.", ["author"] = "IVR" },
            new JsonObject { ["text"] = "Why was I not told about the price change?", ["@type"] = "CustomerQuestion" });

        using var client = await AgentAsync();
        using var response = await PostValidAsync(client, Tickets, "TMF621-TroubleTicket", "TroubleTicket_Create", body);

        var ticket = await ValidAsync(response, TicketSchema, HttpStatusCode.Created);
        var id = Text(ticket["id"]);
        Assert.Equal($"{Tickets}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"{Tickets}/{id}", Text(ticket["href"]));
        Assert.Matches("^C-[0-9]{6,}$", Text(ticket["name"]));
        Assert.Equal("Price shock: My bill doubled without warning", Text(ticket["description"]));
        Assert.Equal("complaint", Text(ticket["ticketType"]));
        Assert.Equal("acknowledged", Text(ticket["status"]));
        Assert.Equal("high", Text(ticket["priority"]));
        Assert.Equal("major", Text(ticket["severity"]));
        Assert.Equal("TroubleTicket", Text(ticket["@type"]));
        Assert.Equal("phone", Text(ticket["channel"]!["id"]));
        Assert.Equal("Phone", Text(ticket["channel"]!["name"]));
        var change = Assert.Single(Objects(ticket["statusChange"]));
        Assert.Equal("acknowledged", Text(change["status"]));
        Assert.Equal(Text(ticket["creationDate"]), Text(change["changeDate"]));
        Assert.Equal(Text(ticket["creationDate"]), Text(ticket["statusChangeDate"]));
        Assert.NotNull(ticket["expectedResolutionDate"]);
        Assert.Null(ticket["resolutionDate"]);

        Assert.Equal(customerId, Text(Role(ticket, "relatedParty", "customer")["id"]));
        var owner = Role(ticket, "relatedParty", "owner");
        Assert.Equal("Anna Agent", Text(owner["name"]));
        Assert.Equal("Individual", Text(owner["@referredType"]));
        var product = Role(ticket, "relatedEntity", "subscription");
        Assert.Equal(subscriptionId, Text(product["id"]));
        Assert.Equal($"{Products}/{subscriptionId}", Text(product["href"]));
        var contact = Role(ticket, "relatedEntity", "contact");
        Assert.Equal(contactId, Text(contact["id"]));
        Assert.Equal("PartyInteraction", Text(contact["@referredType"]));
        Assert.Equal("Complains about the bill", Text(contact["name"]));

        var notes = Objects(ticket["note"]).ToList();
        Assert.Equal(2, notes.Count);
        var note = Assert.Single(notes, n => Text(n["@type"]) == "Note");
        Assert.Equal("Customer is calm but firm.", Text(note["text"]));
        Assert.Equal("Anna Agent", Text(note["author"]));
        var question = Assert.Single(notes, n => Text(n["@type"]) == "CustomerQuestion");
        Assert.Equal("Note", Text(question["@baseType"]));
        Assert.Null(question["answer"]);

        using var read = await client.GetAsync($"{Tickets}/{id}", Cancel);
        var again = await ValidAsync(read, TicketSchema);
        Assert.Equal(ticket.ToJsonString(), again.ToJsonString());
        var audit = Assert.Single(await AuditAsync($"entityId={id}&action=Read"));
        Assert.Equal("Case", audit.GetProperty("entityType").GetString());
        Assert.Equal("agent", audit.GetProperty("userName").GetString());

        // The case is the same through Touchpoint's own API.
        using var view = await client.GetAsync($"/api/cases/{id}", Cancel);
        var @case = await HttpAssert.JsonAsync(view);
        Assert.Equal(Text(ticket["name"]), @case.GetProperty("reference").GetString());
        Assert.Equal(subscriptionId, @case.GetProperty("subscriptionId").GetString());
        Assert.Single(@case.GetProperty("questions").EnumerateArray());
        Assert.Equal(contactId, Assert.Single(@case.GetProperty("contacts").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_answer_to_opening_a_ticket_is_the_ticket_exactly_as_reading_it_back_gives_it()
    {
        var customerId = await CreateCustomerAsync();
        var body = TicketBody(customerId, "Refund the double charge");
        body["note"] = new JsonArray(
            new JsonObject { ["text"] = "Why was I charged twice?", ["@type"] = "CustomerQuestion" },
            new JsonObject { ["text"] = "When does the refund arrive?", ["@type"] = "CustomerQuestion" });
        using var client = await AgentAsync();

        using var created = await PostAsync(client, Tickets, body);
        var answer = await created.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var read = await client.GetAsync(created.Headers.Location, Cancel);

        Assert.Equal(await read.Content.ReadAsStringAsync(Cancel), answer);
        Assert.Equal(2, JsonNode.Parse(answer)!["note"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_ticket_for_a_queue_is_owned_by_the_queue_and_a_priority_wins_over_the_severity()
    {
        var customerId = await CreateCustomerAsync();
        var body = TicketBody(customerId, "No signal at home since Monday", "incident");
        body["priority"] = "critical";
        body["severity"] = "minor";
        body["channel"] = new JsonObject { ["id"] = "web-form", ["name"] = "Website" };
        body["relatedParty"]!.AsArray().Add(new JsonObject { ["id"] = "field-service", ["role"] = "owner", ["@referredType"] = "Queue" });

        var ticket = await CreateTicketAsync(body);

        Assert.Equal("critical", Text(ticket["priority"]));
        Assert.Equal("critical", Text(ticket["severity"]));
        Assert.Equal("incident", Text(ticket["ticketType"]));
        Assert.Equal("web", Text(ticket["channel"]!["id"]));
        var owner = Role(ticket, "relatedParty", "owner");
        Assert.Equal("field-service", Text(owner["id"]));
        Assert.Equal("Queue", Text(owner["@referredType"]));
    }

    [Fact]
    public async Task Tickets_list_newest_first_by_customer_status_and_type_in_pages_with_the_tmf_headers()
    {
        var customerId = await CreateCustomerAsync();
        var first = await CreateTicketAsync(TicketBody(customerId, "First complaint"));
        var second = await CreateTicketAsync(TicketBody(customerId, "A copy of my contract", "request"));
        var third = await CreateTicketAsync(TicketBody(customerId, "Third complaint"));
        await PatchTicketAsync(Text(third["id"]), new JsonObject { ["status"] = "inProgress" });
        using var client = await AgentAsync();

        using var page1 = await client.GetAsync($"{Tickets}?relatedParty.id={customerId}&limit=2", Cancel);
        using var page2 = await client.GetAsync($"{Tickets}?relatedParty.id={customerId}&offset=2&limit=2&fields=status", Cancel);
        using var requests = await client.GetAsync($"{Tickets}?relatedParty.id={customerId}&ticketType=request", Cancel);
        using var open = await client.GetAsync($"{Tickets}?relatedParty.id={customerId}&status=acknowledged,pending&ticketType=complaint,complain", Cancel);

        var (items1, total) = await ValidListAsync(page1, TicketSchema);
        var (items2, _) = await ValidListAsync(page2, TicketSchema);
        Assert.Equal(3, total);
        Assert.Equal([Text(third["id"]), Text(second["id"]), Text(first["id"])], items1.Concat(items2).Select(t => Text(t["id"])).ToArray());
        Assert.Equal(["@type", "href", "id", "status"], Assert.Single(items2).Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(Text(second["id"]), Text(Assert.Single((await ValidListAsync(requests, TicketSchema)).Items)["id"]));
        Assert.Equal(Text(first["id"]), Text(Assert.Single((await ValidListAsync(open, TicketSchema)).Items)["id"]));
        Assert.Contains(await AuditAsync($"entityId={customerId}&action=Read"), e => e.GetProperty("details").GetString()!.Contains("TMF621", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_patch_moves_the_status_with_its_reason_keeps_the_history_and_adds_notes()
    {
        var customerId = await CreateCustomerAsync();
        var id = Text((await CreateTicketAsync(TicketBody(customerId)))["id"]);

        var moved = await PatchTicketAsync(id, new JsonObject
        {
            ["status"] = "inProgress",
            ["statusChangeReason"] = "Billing team is checking the price change",
            ["note"] = new JsonArray(new JsonObject { ["text"] = "Price change letter was never sent." }),
        });

        Assert.Equal("inProgress", Text(moved["status"]));
        Assert.Equal("Billing team is checking the price change", Text(moved["statusChangeReason"]));
        Assert.Equal(["acknowledged", "inProgress"], Objects(moved["statusChange"]).Select(s => Text(s["status"])).ToArray());
        Assert.Equal("Billing team is checking the price change", Text(Objects(moved["statusChange"]).Last()["changeReason"]));
        var note = Assert.Single(Objects(moved["note"]));
        Assert.Equal("Price change letter was never sent.", Text(note["text"]));

        // The same status again, with the note as it came back: nothing changes.
        var same = await PatchTicketAsync(id, new JsonObject { ["status"] = "inProgress", ["note"] = new JsonArray(note.DeepClone()), ["ticketType"] = "complaint" });
        Assert.Equal(2, Objects(same["statusChange"]).Count());
        Assert.Single(Objects(same["note"]));
    }

    [Fact]
    public async Task Resolving_needs_every_question_answered_and_an_answer_in_the_same_patch_will_do()
    {
        var customerId = await CreateCustomerAsync();
        var body = TicketBody(customerId);
        body["note"] = new JsonArray(new JsonObject { ["text"] = "Will I get the money back?", ["@type"] = "CustomerQuestion" });
        var ticket = await CreateTicketAsync(body);
        var id = Text(ticket["id"]);
        var questionId = Text(Assert.Single(Objects(ticket["note"]))["id"]);
        using var client = await AgentAsync();
        using (var need = await client.PutAsJsonAsync($"/api/cases/{id}/need", new { resolved = true }, Cancel))
        {
            await HttpAssert.JsonAsync(need);
        }

        using var blocked = await MergePatchAsync(client, $"{Tickets}/{id}", new JsonObject { ["status"] = "resolved" });
        var problem = await HttpAssert.ProblemAsync(blocked, HttpStatusCode.Conflict);
        Assert.Equal("Will I get the money back?", Assert.Single(problem.GetProperty("unansweredQuestions").EnumerateArray()).GetString());

        var resolved = await PatchTicketAsync(id, new JsonObject
        {
            ["status"] = "resolved",
            ["statusChangeReason"] = "Refunded the difference",
            ["note"] = new JsonArray(new JsonObject { ["id"] = questionId, ["@type"] = "CustomerQuestion", ["answer"] = "Yes, on the next bill." }),
        });

        Assert.Equal("resolved", Text(resolved["status"]));
        Assert.NotNull(resolved["resolutionDate"]);
        Assert.Null(resolved["expectedResolutionDate"]);
        var answered = Assert.Single(Objects(resolved["note"]));
        Assert.Equal("Yes, on the next bill.", Text(answered["answer"]));
        Assert.Equal("Anna Agent", Text(answered["answeredBy"]));
    }

    [Fact]
    public async Task A_ticket_another_agent_owns_is_not_theirs_to_move_or_answer_here_either()
    {
        var body = TicketBody(await CreateCustomerAsync());
        body["note"] = new JsonArray(new JsonObject { ["text"] = "Why was I charged twice?", ["@type"] = "CustomerQuestion" });
        var ticket = await CreateTicketAsync(body);
        var id = Text(ticket["id"]);
        var questionId = Text(Assert.Single(Objects(ticket["note"]))["id"]);
        using var store = await App.CreateClientAsAsync("store");

        using var move = await MergePatchAsync(store, $"{Tickets}/{id}", new JsonObject { ["status"] = "inProgress" });
        using var answer = await MergePatchAsync(store, $"{Tickets}/{id}", new JsonObject
        {
            ["note"] = new JsonArray(new JsonObject { ["id"] = questionId, ["@type"] = "CustomerQuestion", ["answer"] = "A mistake." }),
        });

        foreach (var refused in new[] { move, answer })
        {
            Assert.Equal($"Case {Text(ticket["name"])} is owned by Anna Agent; ask for a handoff.",
                (await HttpAssert.ProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task An_illegal_move_is_a_409_naming_the_allowed_statuses_and_changes_nothing_else_in_the_patch()
    {
        var customerId = await CreateCustomerAsync();
        var id = Text((await CreateTicketAsync(TicketBody(customerId)))["id"]);
        using var client = await AgentAsync();

        using var response = await MergePatchAsync(client, $"{Tickets}/{id}", new JsonObject
        {
            ["status"] = "closed",
            ["note"] = new JsonArray(new JsonObject { ["text"] = "Closing it right away." }),
        });

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("allowed: inProgress, pending, held, resolved, cancelled, rejected", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["inProgress", "pending", "held", "resolved", "cancelled", "rejected"],
            problem.GetProperty("allowed").EnumerateArray().Select(s => s.GetString()!).ToArray());
        using var read = await client.GetAsync($"{Tickets}/{id}", Cancel);
        var ticket = await ValidAsync(read, TicketSchema);
        Assert.Equal("acknowledged", Text(ticket["status"]));
        Assert.Null(ticket["note"]);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_in_the_tmf_body()
    {
        var customerId = await CreateCustomerAsync();
        using var client = await AgentAsync();

        async Task ExpectCreate400(Action<JsonObject> change, string field)
        {
            var body = TicketBody(customerId);
            change(body);
            using var response = await PostAsync(client, Tickets, body);
            await HttpAssert.ValidationProblemAsync(response, field);
        }

        await ExpectCreate400(b => b["relatedParty"] = new JsonArray(), "relatedParty");
        await ExpectCreate400(b => b["relatedParty"]![0]!["id"] = "nobody", "relatedParty[0].id");
        await ExpectCreate400(b => b["relatedParty"]![0]!["id"] = Guid.NewGuid().ToString(), "relatedParty[0].id");
        await ExpectCreate400(b => b["relatedParty"]![0]!["role"] = "reporter", "relatedParty[0].role");
        await ExpectCreate400(b => b["relatedParty"]!.AsArray().Add(new JsonObject { ["id"] = "someone-else", ["role"] = "owner", ["@referredType"] = "Individual" }),
            "relatedParty[1].id");
        await ExpectCreate400(b => b["ticketType"] = "praise", "ticketType");
        await ExpectCreate400(b => b.Remove("ticketType"), "ticketType");
        await ExpectCreate400(b => b["severity"] = "apocalyptic", "severity");
        await ExpectCreate400(b => b["priority"] = "whenever", "priority");
        await ExpectCreate400(b => b["channel"] = new JsonObject { ["id"] = "pigeon" }, "channel.id");
        await ExpectCreate400(b => b.Remove("channel"), "channel");
        await ExpectCreate400(b => b["status"] = "closed", "status");
        await ExpectCreate400(b => b.Remove("description"), "description");
        await ExpectCreate400(b => b["relatedEntity"] = new JsonArray(new JsonObject { ["id"] = "x", ["role"] = "bill", ["@referredType"] = "CustomerBill" }),
            "relatedEntity[0].@referredType");
        await ExpectCreate400(b => b["relatedEntity"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["role"] = "p", ["@referredType"] = "Product" }),
            "relatedEntity[0].id");
        await ExpectCreate400(b => b["relatedEntity"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["role"] = "c", ["@referredType"] = "PartyInteraction" }),
            "relatedEntity[0].id");
        await ExpectCreate400(b => b["note"] = new JsonArray(new JsonObject { ["text"] = "ok" }, new JsonObject { ["text"] = " " }), "note[1].text");
        await ExpectCreate400(b => b["note"] = new JsonArray(new JsonObject { ["@type"] = "CustomerQuestion" }), "note[0].text");

        var id = Text((await CreateTicketAsync(TicketBody(customerId)))["id"]);

        async Task ExpectPatch400(JsonObject patch, string field)
        {
            using var response = await MergePatchAsync(client, $"{Tickets}/{id}", patch);
            await HttpAssert.ValidationProblemAsync(response, field);
        }

        await ExpectPatch400(new JsonObject { ["status"] = "done" }, "status");
        await ExpectPatch400(new JsonObject { ["statusChangeReason"] = "Because" }, "statusChangeReason");
        await ExpectPatch400(new JsonObject { ["status"] = "rejected" }, "statusChangeReason");
        await ExpectPatch400(new JsonObject { ["ticketType"] = "request" }, "ticketType");
        await ExpectPatch400(new JsonObject { ["description"] = "Something else" }, "description");
        await ExpectPatch400(new JsonObject { ["severity"] = "critical" }, "severity");
        await ExpectPatch400(new JsonObject { ["relatedParty"] = new JsonArray(new JsonObject { ["id"] = "lead", ["role"] = "owner", ["@referredType"] = "Individual" }) },
            "relatedParty[0].id");
        await ExpectPatch400(new JsonObject { ["note"] = new JsonArray(new JsonObject { ["text"] = "" }) }, "note[0].text");

        using var badList = await client.GetAsync($"{Tickets}?status=open", Cancel);
        await HttpAssert.ValidationProblemAsync(badList, "status");
        using var badFields = await client.GetAsync($"{Tickets}/{id}?fields=colour", Cancel);
        await HttpAssert.ValidationProblemAsync(badFields, "fields");
        using var unknown = await client.GetAsync($"{Tickets}/{Guid.NewGuid()}", Cancel);
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        using var unknownPatch = await MergePatchAsync(client, $"{Tickets}/not-a-ticket", new JsonObject { ["status"] = "inProgress" });
        await HttpAssert.ProblemAsync(unknownPatch, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_trouble_ticket_and_hub_endpoints_are_in_the_openapi_document()
    {
        using var client = await AgentAsync();

        using var response = await client.GetAsync("/openapi/v1.json", Cancel);

        var paths = (await HttpAssert.JsonAsync(response)).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(Tickets, paths);
        Assert.Contains($"{Tickets}/{{id}}", paths);
        Assert.Contains(Hub, paths);
        Assert.Contains($"{Hub}/{{id}}", paths);
    }

    [Fact]
    public async Task An_admin_registers_and_unregisters_a_hub_and_a_bad_callback_or_query_is_a_400()
    {
        var schema = TmfSchema.For("TMF621-TroubleTicket", "EventSubscription");
        using var admin = await App.CreateAdminClientAsync();
        using var agent = await AgentAsync();
        // Nothing listens there, so a delivery to it would fail at once rather than hang.
        var callback = $"http://127.0.0.1:{LoopbackPort.Free()}/tmf621/{Guid.NewGuid():N}";

        using var registered = await PostValidAsync(admin, Hub, "TMF621-TroubleTicket", "EventSubscriptionInput",
            new JsonObject { ["callback"] = callback, ["query"] = "eventType=TroubleTicketResolvedEvent" });
        var hub = await ValidAsync(registered, schema, HttpStatusCode.Created);
        var id = Text(hub["id"]);
        Assert.Equal($"{Hub}/{id}", registered.Headers.Location?.OriginalString);
        Assert.Equal(callback, Text(hub["callback"]));
        Assert.Equal("eventType=TroubleTicketResolvedEvent", Text(hub["query"]));

        using var listed = await admin.GetAsync(Hub, Cancel);
        var listedHub = Assert.Single((await ValidListAsync(listed, schema)).Items, h => Text(h["id"]) == id);
        Assert.Equal(0, listedHub["pendingEvents"]!.GetValue<int>());

        using var byAgent = await PostAsync(agent, Hub, new JsonObject { ["callback"] = callback });
        await HttpAssert.ProblemAsync(byAgent, HttpStatusCode.Forbidden);
        foreach (var bad in new JsonObject[]
                 {
                     new(), new() { ["callback"] = "" }, new() { ["callback"] = "/relative/listener" }, new() { ["callback"] = "ftp://example.com/x" },
                     new() { ["callback"] = "not a url" }, new() { ["callback"] = "https://" + new string('a', 2000) + ".example.com" },
                 })
        {
            using var response = await PostAsync(admin, Hub, bad);
            await HttpAssert.ValidationProblemAsync(response, "callback");
        }

        foreach (var query in new[] { "eventType=TroubleTicketDeleteEvent", "colour=red", "status", "event.troubleTicket.status=open" })
        {
            using var response = await PostAsync(admin, Hub, new JsonObject { ["callback"] = callback, ["query"] = query });
            await HttpAssert.ValidationProblemAsync(response, "query");
        }

        using var deleted = await admin.DeleteAsync($"{Hub}/{id}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var again = await admin.DeleteAsync($"{Hub}/{id}", Cancel);
        await HttpAssert.ProblemAsync(again, HttpStatusCode.NotFound);
        using var after = await admin.GetAsync(Hub, Cancel);
        Assert.DoesNotContain((await ValidListAsync(after, schema)).Items, h => Text(h["id"]) == id);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class Tmf621TroubleTicketApiTestsOnSqlite(SqliteApp app) : Tmf621TroubleTicketApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class Tmf621TroubleTicketApiTestsOnPostgres(PostgresApp app) : Tmf621TroubleTicketApiTests(app), IClassFixture<PostgresApp>;
