using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Data.Bulk;
using Touchpoint.Demo;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Import;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;

namespace Touchpoint.Tests.Import;

/// <summary>
/// The import on each provider: rows validated as the API validates them, all or nothing, bad rows named by line,
/// and rows written by the bulk writer exactly as EF writes them.
/// </summary>
public abstract class ImportTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("touchpoint-import-").FullName;

    protected ImportTests(TouchpointApp app)
    {
        App = app;
        app.SkipUnlessUsable();
    }

    protected TouchpointApp App { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DateOnly Today => DateOnly.FromDateTime(App.UtcNow);

    [Fact]
    public async Task A_valid_customers_csv_is_imported_with_normalised_identities_searchable_and_audited_once()
    {
        var msisdn = UniqueMobile();
        var email = $"asa.{Guid.NewGuid():N}@example.se";
        var legacy = $"sonofon:{Guid.NewGuid():N}";
        var name = $"Åsa Östergård {Guid.NewGuid():N}"[..30];
        var file = Write("customers.csv",
            "name,kind,jurisdiction,msisdn,email,legacyIds,serviceStreet,servicePostalCode,serviceCity,serviceCountry,neverOfferBinding,preferredLanguage",
            $"{name},person,se,{Local(msisdn)},{email.ToUpperInvariant()},{legacy},Storgatan 1,111 22,Stockholm,se,yes,EN",
            $"\"Ek, Bo\",business,SE,{Local(UniqueMobile())},,,,,,,,");

        var result = await ImportAsync(ImportKind.Customers, file);

        Assert.True(result.Committed, string.Join("; ", result.Errors));
        Assert.Equal((2, 2, 0), (result.Read, result.Imported, result.Rejected));
        await App.WithDbContextAsync(async db =>
        {
            var hits = await CustomerSearch.SearchAsync(db, Local(msisdn), 10, Today, Cancel);
            var hit = Assert.Single(hits);
            Assert.Equal(("msisdn", msisdn), (hit.MatchedIdentityKind, hit.MatchedIdentity));

            var view = (await CustomerViews.LoadAsync(db, hit.Id, Cancel))!;
            Assert.Equal(name, view.Name);
            Assert.Equal("SE", view.Jurisdiction);
            Assert.Equal(new Address("Storgatan 1", "111 22", "Stockholm", "SE"), view.ServiceAddress);
            Assert.Contains(view.Identities, i => i is { Kind: "email" } && i.Value == email);
            Assert.Contains(view.Identities, i => i is { Kind: "legacyId" } && i.Value == legacy);
            Assert.True(view.Preferences.NeverOfferBinding);
            Assert.Equal("en", view.Preferences.PreferredLanguage);

            var byName = await CustomerSearch.SearchAsync(db, name.Replace("Å", "a", StringComparison.Ordinal)[..14], 10, Today, Cancel);
            Assert.Contains(byName, h => h.Id == hit.Id);
            var bo = await CustomerSearch.SearchAsync(db, "ek bo", 50, Today, Cancel);
            Assert.Contains(bo, h => h.Name == "Ek, Bo");

            var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.Imported && e.Details!.Contains(Path.GetFileName(file))).ToListAsync(Cancel);
            var entry = Assert.Single(audit);
            Assert.Contains("2 imported", entry.Details, StringComparison.Ordinal);
            Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(Customer) && e.EntityId == hit.Id.ToString(), Cancel), "One audit entry per import, none per row.");
            return 0;
        });
    }

    [Fact]
    public async Task A_file_with_a_bad_row_writes_nothing_and_names_the_line_field_and_reason()
    {
        var good = UniqueMobile();
        var file = Write("customers.csv",
            "name,jurisdiction,msisdn",
            $"Good One,SE,{good}",
            "Bad Phone,SE,12",
            $"Good Two,SE,{UniqueMobile()}");

        var result = await ImportAsync(ImportKind.Customers, file);

        Assert.False(result.Committed);
        Assert.Equal((3, 0, 1), (result.Read, result.Imported, result.Rejected));
        var error = Assert.Single(result.Errors);
        Assert.Equal("line 3: msisdn: '12' is not a valid phone number for SE.", error.ToString());
        Assert.Empty(await SearchAsync(good));
        Assert.False(File.Exists(ImportRequest.DefaultRejectPath(file)));
    }

    [Fact]
    public async Task Ndjson_customers_use_the_api_shape_and_its_json_paths_in_errors()
    {
        var msisdn = UniqueMobile();
        var file = Write("customers.ndjson",
            $$$"""{"name":"Json Kund","jurisdiction":"SE","identities":[{"kind":"msisdn","value":"{{{Local(msisdn)}}}"}],"preferences":{"telemarketingOptOut":true}}""",
            "",
            """{"name":"Bad","jurisdiction":"SE","identities":[{"kind":"msisdn","value":"12"}]}""",
            """{"name":"Typo","jurisdicton":"SE"}""",
            """{"name": "Broken",""");

        var result = await ImportAsync(ImportKind.Customers, file, skipInvalid: true);

        Assert.Equal((4, 1, 3), (result.Read, result.Imported, result.Rejected));
        Assert.Equal("line 3: identities[0].value: '12' is not a valid phone number for SE.", result.Errors[0].ToString());
        Assert.Equal((4, "jurisdicton"), (result.Errors[1].Line, result.Errors[1].Field));
        Assert.Equal(5, result.Errors[2].Line);
        Assert.StartsWith("Malformed JSON", result.Errors[2].Message, StringComparison.Ordinal);
        var hit = Assert.Single(await SearchAsync(Local(msisdn)));
        Assert.Equal("Json Kund", hit.Name);

        var rejects = await File.ReadAllLinesAsync(result.RejectFile!, Cancel);
        Assert.Equal(3, rejects.Length);
        Assert.Equal("line 3: identities[0].value: '12' is not a valid phone number for SE.", JsonDocument.Parse(rejects[0]).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Skip_invalid_imports_the_good_rows_and_writes_the_bad_one_to_the_reject_file()
    {
        var first = UniqueMobile();
        var second = UniqueMobile();
        var file = Write("customers.csv",
            "name,jurisdiction,msisdn",
            $"Good One,SE,{first}",
            "Bad Phone,SE,12",
            $"Good Two,SE,{second}");
        var rejectPath = Path.Combine(directory, "bad-rows.csv");

        var result = await ImportAsync(ImportKind.Customers, file, skipInvalid: true, rejectPath: rejectPath);

        Assert.True(result.Committed);
        Assert.Equal((3, 2, 1), (result.Read, result.Imported, result.Rejected));
        Assert.Equal(rejectPath, result.RejectFile);
        Assert.Equal(
            ["name,jurisdiction,msisdn,error", "Bad Phone,SE,12,\"line 3: msisdn: '12' is not a valid phone number for SE.\""],
            await File.ReadAllLinesAsync(rejectPath, Cancel));
        Assert.Single(await SearchAsync(first));
        Assert.Single(await SearchAsync(second));
    }

    [Fact]
    public async Task A_row_with_a_control_character_or_bytes_that_are_not_UTF8_is_a_bad_row_and_the_rest_is_imported()
    {
        var kept = UniqueMobile();
        var lines = new[]
        {
            "name,jurisdiction,msisdn",
            $"Nul\0Byte,SE,{UniqueMobile()}",
            $"Good Row,SE,{kept}",
            $"Bad \uFFFF-BYTES,SE,{UniqueMobile()}",
        };
        // Line 4 gets a byte that starts no UTF-8 character where the placeholder is.
        var bytes = new UTF8Encoding(false).GetBytes(string.Join('\n', lines) + "\n").ToList();
        var placeholder = bytes.IndexOf(0xEF);
        bytes.RemoveRange(placeholder, 3);
        bytes.Insert(placeholder, 0xFF);
        var file = Path.Combine(directory, $"{Guid.NewGuid():N}-customers.csv");
        await File.WriteAllBytesAsync(file, [.. bytes], Cancel);

        var result = await ImportAsync(ImportKind.Customers, file, skipInvalid: true, rejectPath: Path.Combine(directory, $"{Guid.NewGuid():N}.csv"));

        Assert.True(result.Committed, result.FileError);
        Assert.Equal((3, 1, 2), (result.Read, result.Imported, result.Rejected));
        Assert.Equal(
            ["line 2: name: The text has a control character (U+0000) at position 4; only tabs and line breaks are allowed.",
             "line 4: Line 4 is not valid UTF-8; save the file as UTF-8."],
            result.Errors.Select(e => e.ToString()));
        Assert.Single(await SearchAsync(kept));
    }

    [Fact]
    public async Task An_escaped_control_character_in_an_ndjson_line_is_a_bad_row_naming_its_field()
    {
        var file = Write("customers.ndjson",
            $$"""{"name":"Escaped\u0007Bell","jurisdiction":"SE","identities":[{"kind":"msisdn","value":"{{UniqueMobile()}}"}]}""");

        var result = await ImportAsync(ImportKind.Customers, file);

        Assert.False(result.Committed);
        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "name"), (error.Line, error.Field));
        Assert.Contains("control character (U+0007)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identity_claimed_twice_in_the_file_or_owned_in_the_database_makes_the_row_bad()
    {
        var owned = UniqueMobile();
        Assert.True((await ImportAsync(ImportKind.Customers, Write("existing.csv", "name,jurisdiction,msisdn", $"Owner,SE,{owned}"))).Committed);
        var owner = Assert.Single(await SearchAsync(owned)).Id;
        var email = $"twice.{Guid.NewGuid():N}@example.se";
        var file = Write("customers.csv",
            "name,jurisdiction,msisdn,email",
            $"First,SE,{UniqueMobile()},{email}",
            $"Second,SE,{UniqueMobile()},{email.ToUpperInvariant()}",
            $"Third,SE,{Local(owned)},");

        var result = await ImportAsync(ImportKind.Customers, file);

        Assert.False(result.Committed);
        Assert.Equal(
            [
                $"line 3: email: The email {email} is already claimed by line 2 of this file.",
                $"line 4: msisdn: The msisdn {owned} already belongs to customer {owner}.",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Malformed_csv_lines_are_bad_rows_with_their_line_numbers_and_reading_goes_on()
    {
        var good = UniqueMobile();
        var file = Write("customers.csv",
            "name,jurisdiction,msisdn",
            "Too,Many,Fields,Here",
            "Stray \"quote,SE,",
            "\"Unclosed,SE,",
            $"Good,SE,{good}");

        var result = await ImportAsync(ImportKind.Customers, file, skipInvalid: true);

        Assert.Equal((4, 1, 3), (result.Read, result.Imported, result.Rejected));
        Assert.Equal([2, 3, 4], result.Errors.Select(e => e.Line));
        Assert.All(result.Errors, e => Assert.StartsWith(e.Line == 2 ? "The row has 4 fields" : "Malformed CSV", e.Message, StringComparison.Ordinal));
        Assert.Single(await SearchAsync(good));
    }

    [Fact]
    public async Task A_quote_never_closed_rejects_its_own_line_even_when_a_quote_far_below_would_close_it()
    {
        var goods = Enumerable.Range(0, CsvSource.MaxLinesPerRecord + 10).Select(_ => UniqueMobile()).ToArray();
        var last = UniqueMobile();
        var file = Write("customers.csv",
            ["name,jurisdiction,msisdn", "\"Unclosed,SE,", .. goods.Select(g => $"Good,SE,{g}"), "Stray \"quote,SE,", $"Last,SE,{last}"]);

        var result = await ImportAsync(ImportKind.Customers, file, skipInvalid: true);

        var strayLine = 3 + goods.Length;
        Assert.Equal((goods.Length + 3L, goods.Length + 1L, 2L), (result.Read, result.Imported, result.Rejected));
        Assert.Equal([(2, "Malformed CSV: a quoted field is never closed (unbalanced quote)."), (strayLine, "Malformed CSV: field 1 contains a quote but does not start with one; quote the whole field and write the quote twice (\"\").")],
            result.Errors.Select(e => (e.Line, e.Message)));
        Assert.Single(await SearchAsync(goods[^1]));
        Assert.Single(await SearchAsync(last));
    }

    [Fact]
    public async Task Interactions_get_timeline_entries_in_order_and_a_partner_agency_contact_carries_the_agency_name()
    {
        var msisdn = UniqueMobile();
        Assert.True((await ImportAsync(ImportKind.Customers, Write("c.csv", "name,jurisdiction,msisdn", $"Tidslinje,SE,{msisdn}"))).Committed);
        var customerId = Assert.Single(await SearchAsync(msisdn)).Id;
        var file = Write("interactions.csv",
            "customerId,customerIdentityKind,customerIdentity,occurredAt,channel,direction,partnerAgency,agentName,durationSeconds,reason,summary",
            $"{customerId},,,2025-03-02T10:00:00Z,phone,outbound,{DemoData.PartnerAgencyName},Per,120,Sales call,\"Offered 5G, \"\"declined\"\"\"",
            $",msisdn,{Local(msisdn)},2025-03-01T09:00:00Z,email,inbound,,,,Invoice question,",
            $"{customerId},,,2025-03-03 08:30:00,chat,inbound,,Anna,,Follow-up,\"Line one",
            "Line two\"");

        var result = await ImportAsync(ImportKind.Interactions, file);

        Assert.True(result.Committed, string.Join("; ", result.Errors));
        await App.WithDbContextAsync(async db =>
        {
            var page = await Timeline.PageAsync(db, customerId, new TimelineFilter([TimelineEntryKind.Interaction]), null, 10, Cancel);
            Assert.Equal(["Inbound chat: Follow-up", "Outbound phone: Sales call", "Inbound email: Invoice question"], page.Items.Select(i => i.Title));
            Assert.Equal([new DateTime(2025, 3, 3, 8, 30, 0, DateTimeKind.Utc), new DateTime(2025, 3, 2, 10, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 1, 9, 0, 0, DateTimeKind.Utc)],
                page.Items.Select(i => i.At));
            var sales = page.Items[1];
            Assert.Equal((DemoData.PartnerAgencyName, "Per", "Offered 5G, \"declined\""), (sales.PartnerAgencyName, sales.ActorName, sales.Detail));
            Assert.Null(page.Items[0].PartnerAgencyName);
            Assert.Equal("Line one\nLine two", page.Items[0].Detail);
            Assert.Equal(InteractionImport.DefaultAgentName, page.Items[2].ActorName);

            var stored = await db.Interactions.AsNoTracking().SingleAsync(i => i.Id == Guid.Parse(sales.SourceId!), Cancel);
            Assert.Equal((DemoData.PartnerAgencyName, 120, DateTimeKind.Utc), (stored.PartnerAgencyName, stored.DurationSeconds, stored.OccurredAt.Kind));
            Assert.NotNull(stored.PartnerAgencyId);
            return 0;
        });
    }

    [Fact]
    public async Task A_file_of_several_batches_is_read_ahead_of_the_writer_yet_reports_every_bad_row_in_order_and_keeps_all_or_nothing()
    {
        var msisdn = UniqueMobile();
        Assert.True((await ImportAsync(ImportKind.Customers, Write("c.csv", "name,jurisdiction,msisdn", $"Flera,SE,{msisdn}"))).Committed);
        var customerId = Assert.Single(await SearchAsync(msisdn)).Id;
        var rows = (Importer.BatchSize * 2) + 500;
        var badLines = new[] { 2 + 7, 2 + Importer.BatchSize + 3, 2 + rows - 1 };
        var lines = Enumerable.Range(0, rows).Select(i => badLines.Contains(i + 2)
            ? $"{customerId},,,2025-01-01T00:00:00Z,fax,inbound,,,,Row {i},"
            : $"{customerId},,,{new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i):O},phone,inbound,,,,Row {i},");
        var file = Write("many.csv", ["customerId,customerIdentityKind,customerIdentity,occurredAt,channel,direction,partnerAgency,agentName,durationSeconds,reason,summary", .. lines]);

        var strict = await ImportAsync(ImportKind.Interactions, file);

        Assert.False(strict.Committed);
        Assert.Equal((rows, 0L, 3L), (strict.Read, strict.Imported, strict.Rejected));
        Assert.Equal(badLines, strict.Errors.Select(e => e.Line));
        Assert.All(strict.Errors, e => Assert.Equal("channel", e.Field));
        Assert.Equal(0, await App.WithDbContextAsync(db => db.Interactions.CountAsync(i => i.CustomerId == customerId, Cancel)));

        var lenient = await ImportAsync(ImportKind.Interactions, file, skipInvalid: true, rejectPath: Path.Combine(directory, "many.rejects.csv"));

        Assert.True(lenient.Committed);
        Assert.Equal(rows - 3, lenient.Imported);
        Assert.Equal(rows - 3, await App.WithDbContextAsync(db => db.TimelineEntries.CountAsync(t => t.CustomerId == customerId && t.Kind == TimelineEntryKind.Interaction, Cancel)));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(directory, "many.rejects.csv")).Length);
    }

    [Fact]
    public async Task Interaction_rows_naming_an_unknown_agency_or_customer_or_a_future_time_are_bad()
    {
        var known = UniqueMobile();
        Assert.True((await ImportAsync(ImportKind.Customers, Write("c.csv", "name,jurisdiction,msisdn", $"Known,SE,{known}"))).Committed);
        var file = Write("interactions.ndjson",
            $$"""{"customerId":"{{Guid.NewGuid()}}","channel":"phone","direction":"inbound","reason":"x"}""",
            $$"""{"customerIdentityKind":"msisdn","customerIdentity":"{{Local(UniqueMobile())}}","channel":"phone","direction":"inbound","reason":"x"}""",
            $$"""{"customerIdentityKind":"msisdn","customerIdentity":"{{known}}","channel":"phone","direction":"inbound","reason":"x","partnerAgency":"Nobody"}""",
            $$"""{"customerIdentityKind":"msisdn","customerIdentity":"{{known}}","channel":"fax","direction":"inbound","reason":"x"}""",
            $$"""{"customerIdentityKind":"msisdn","customerIdentity":"{{known}}","channel":"phone","direction":"inbound","reason":"x","occurredAt":"2999-01-01T00:00:00Z"}""");

        var result = await ImportAsync(ImportKind.Interactions, file);

        Assert.False(result.Committed);
        Assert.Equal(["customerId", "customerIdentity", "partnerAgency", "channel", "occurredAt"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task Foreign_keys_are_enforced_again_on_the_connection_after_an_import_committed_or_not()
    {
        var good = Write("c.csv", "name,jurisdiction,msisdn", $"Nyckel,SE,{UniqueMobile()}");
        var bad = Write("bad.csv", "name,jurisdiction,msisdn", "Nyckel,XX,");
        foreach (var (file, committed) in new[] { (good, true), (bad, false) })
        {
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            var result = await scope.ServiceProvider.GetRequiredService<Importer>()
                .RunAsync(new ImportRequest(ImportKind.Customers, file, false, null, new Actor(null, "import-test", null, "cli")), null, Cancel);
            Assert.Equal(committed, result.Committed);

            // A contact for a customer that does not exist must still be refused by the database afterwards.
            db.Interactions.Add(new Interaction
            {
                CustomerId = Guid.NewGuid(), OccurredAt = App.UtcNow, Channel = InteractionChannel.Phone, Direction = InteractionDirection.Inbound, AgentName = "x",
                Reason = "orphan", RecordedAt = App.UtcNow,
            });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Cancel));
        }
    }

    [Fact]
    public async Task Subscriptions_resolve_the_customer_by_identity_and_follow_the_plan_rules()
    {
        var msisdn = UniqueMobile();
        Assert.True((await ImportAsync(ImportKind.Customers, Write("c.csv", "name,jurisdiction,msisdn,neverOfferBinding", $"Abonnent,SE,{msisdn},true"))).Committed);
        var customerId = Assert.Single(await SearchAsync(msisdn)).Id;
        var code = $"IMP-{Guid.NewGuid():N}"[..20];
        await App.WithDbContextAsync(async db =>
            (await CatalogueEndpoints.CreateAsync(db, TimeProvider.System, ContractRuleBook.Law, new CreatePlanInput(code, "Import Plan", 199m, "SEK", 10, null, [0, 12], "4G"), Cancel)).Value!);
        var number = UniqueMobile();
        var file = Write("subscriptions.csv",
            "customerId,customerIdentityKind,customerIdentity,planCode,msisdn,startDate,bindingMonths,monthlyPrice,status",
            $",msisdn,{Local(msisdn)},{code},{Local(number)},2024-05-01,0,149.50,active",
            $"{customerId},,,{code},{Local(UniqueMobile())},2024-05-01,12,,active",
            $"{customerId},,,{code},{Local(number)},2024-06-01,0,,active",
            $"{customerId},,,NO-SUCH-PLAN,{Local(UniqueMobile())},2024-06-01,0,,active");

        var result = await ImportAsync(ImportKind.Subscriptions, file, skipInvalid: true);

        Assert.Equal((4, 1, 3), (result.Read, result.Imported, result.Rejected));
        Assert.Equal(["bindingMonths", "msisdn", "planCode"], result.Errors.Select(e => e.Field));
        await App.WithDbContextAsync(async db =>
        {
            var subscription = Assert.Single(await CustomerViews.SubscriptionsAsync(db, Domain.Contracts.ContractRuleBook.Law, customerId, Domain.Customers.Jurisdiction.SE, Today, Cancel));
            Assert.Equal((number, 149.50m, new DateOnly(2024, 5, 1), "active", (DateOnly?)null),
                (subscription.Msisdn, subscription.MonthlyPrice, subscription.StartDate, subscription.Status, subscription.BindingEndDate));
            var page = await Timeline.PageAsync(db, customerId, new TimelineFilter([TimelineEntryKind.SubscriptionChange]), null, 10, Cancel);
            Assert.Equal("Subscription Import Plan started", Assert.Single(page.Items).Title);
            return 0;
        });
    }

    [Fact]
    public async Task A_binding_longer_than_the_customers_law_allows_is_a_bad_row_naming_the_rule_and_the_sale_channel_is_kept()
    {
        var email = $"dk.{Guid.NewGuid():N}@example.dk";
        Assert.True((await ImportAsync(ImportKind.Customers, Write("c.csv", "name,jurisdiction,email", $"Kunde,DK,{email}"))).Committed);
        var customerId = Assert.Single(await SearchAsync(email)).Id;
        var code = $"IMP-{Guid.NewGuid():N}"[..20];
        await App.WithDbContextAsync(async db =>
            (await CatalogueEndpoints.CreateAsync(db, TimeProvider.System, ContractRuleBook.Law, new CreatePlanInput(code, "Import DK Plan", 199m, "DKK", 10, null, [0, 6, 12], "4G"), Cancel)).Value!);
        var file = Write("subscriptions.csv",
            "customerId,planCode,msisdn,startDate,bindingMonths,soldVia,withdrawalInformationGiven",
            $"{customerId},{code},{UniqueMobile()},2026-05-04,12,phone,",
            $"{customerId},{code},{UniqueMobile()},2026-05-04,6,store,false");

        var result = await ImportAsync(ImportKind.Subscriptions, file, skipInvalid: true);

        Assert.Equal((2, 1, 1), (result.Read, result.Imported, result.Rejected));
        var error = Assert.Single(result.Errors);
        Assert.Equal(("bindingMonths", 2), (error.Field, error.Line));
        Assert.Equal("A binding of 12 months is longer than DK allows: at most 6 months (EU-105-1, DK-1).", error.Message);
        var stored = await App.WithDbContextAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(s => s.CustomerId == customerId, Cancel));
        Assert.Equal(("store", false, new DateOnly(2026, 11, 4)), (stored.SoldVia, stored.WithdrawalInformationGiven, stored.BindingEndDate!.Value));
    }

    [Fact]
    public async Task The_bulk_writer_stores_every_column_exactly_as_ef_does()
    {
        var agency = await App.WithDbContextAsync(db => db.PartnerAgencies.AsNoTracking().FirstAsync(Cancel));
        var plan = await App.WithDbContextAsync(db => db.Plans.AsNoTracking().FirstAsync(Cancel));
        var at = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567);
        Customer NewCustomer() => new()
        {
            Kind = CustomerKind.Business,
            Name = "Same Name",
            NameKey = "SAME NAME",
            Jurisdiction = "SE",
            ServiceAddress = new Address("Gatan 1", "111 22", "Stockholm", "SE"),
            AllowedMarketingChannels = "email,sms",
            TelemarketingOptOut = true,
            PreferredLanguage = "sv",
            Segment = "gold",
            LifetimeValue = 1234.5m,
            CreatedAt = at,
            UpdatedAt = at,
        };
        var viaEf = NewCustomer();
        var viaBulk = NewCustomer();
        Subscription NewSubscription(Guid customerId) => new()
        {
            CustomerId = customerId,
            PlanId = plan.Id,
            Msisdn = null,
            ServiceAddress = new Address("Gatan 2", "111 22", "Stockholm", "SE"),
            MonthlyPrice = 99.9m,
            StartDate = new DateOnly(2024, 2, 29),
            BindingEndDate = new DateOnly(2025, 2, 28),
            Status = SubscriptionStatus.Active,
            CreatedAt = at,
            UpdatedAt = at,
        };
        Interaction NewInteraction(Guid customerId) => new()
        {
            CustomerId = customerId,
            OccurredAt = at,
            Channel = InteractionChannel.Phone,
            Direction = InteractionDirection.Inbound,
            PartnerAgencyId = agency.Id,
            PartnerAgencyName = agency.Name,
            AgentName = "Agent",
            DurationSeconds = 61,
            Reason = "Reason",
            Summary = "Summary",
            RecordedAt = at,
        };
        var subscriptionViaEf = NewSubscription(viaEf.Id);
        var subscriptionViaBulk = NewSubscription(viaBulk.Id);
        var interactionViaEf = NewInteraction(viaEf.Id);
        var interactionViaBulk = NewInteraction(viaBulk.Id);

        await App.WithDbContextAsync(async db =>
        {
            db.Customers.Add(viaEf);
            db.Subscriptions.Add(subscriptionViaEf);
            db.Interactions.Add(interactionViaEf);
            db.TimelineEntries.Add(InteractionCommands.TimelineEntryFor(interactionViaEf));
            return await db.SaveChangesAsync(Cancel);
        });
        await App.WithDbContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            await using var writer = BulkWriter.Create(db);
            await writer.WriteCustomersAsync([viaBulk], Cancel);
            await writer.WriteSubscriptionsAsync([subscriptionViaBulk], Cancel);
            await writer.WriteInteractionsAsync([interactionViaBulk], Cancel);
            await transaction.CommitAsync(Cancel);
            return writer.RowsWritten;
        });

        await App.WithDbContextAsync(async db =>
        {
            foreach (var (table, key, ef, bulk) in new[]
                     {
                         ("Customers", "Id", (object)viaEf.Id, (object)viaBulk.Id),
                         ("Subscriptions", "Id", subscriptionViaEf.Id, subscriptionViaBulk.Id),
                         ("Interactions", "Id", interactionViaEf.Id, interactionViaBulk.Id),
                         ("TimelineEntries", "CustomerId", viaEf.Id, viaBulk.Id),
                     })
            {
                var efRow = await RawRowAsync(db, table, key, ef);
                var bulkRow = await RawRowAsync(db, table, key, bulk);
                foreach (var (column, value) in efRow)
                {
                    // Keys, and the customer number each customer has of their own.
                    if (column is "Id" or "CustomerId" or "SourceId" or "Number")
                    {
                        continue;
                    }

                    Assert.True(Equals(value, bulkRow[column]), $"{table}.{column}: EF stored {Describe(value)}, the bulk writer {Describe(bulkRow[column])}.");
                }
            }

            // Rows the bulk writer stored read back through EF.
            var back = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == viaBulk.Id, Cancel);
            var efBack = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == viaEf.Id, Cancel);
            Assert.Equal((efBack.Kind, efBack.ServiceAddress, efBack.LifetimeValue, efBack.CreatedAt, DateTimeKind.Utc),
                (back.Kind, back.ServiceAddress, back.LifetimeValue, back.CreatedAt, back.CreatedAt.Kind));
            var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == subscriptionViaBulk.Id, Cancel);
            Assert.Equal((new DateOnly(2024, 2, 29), 99.9m), (subscription.StartDate, subscription.MonthlyPrice));
            return 0;
        });
    }

    [Fact]
    public void The_bulk_writer_refuses_to_start_outside_a_transaction()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();

        var error = Assert.Throws<InvalidOperationException>(() => BulkWriter.Create(db));
        Assert.Contains("BeginTransactionAsync", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }

        GC.SuppressFinalize(this);
    }

    private async Task<ImportResult> ImportAsync(ImportKind kind, string file, bool skipInvalid = false, string? rejectPath = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<Importer>();
        return await importer.RunAsync(new ImportRequest(kind, file, skipInvalid, rejectPath, new Actor(null, "import-test", null, "cli")), null, Cancel);
    }

    private Task<List<CustomerHit>> SearchAsync(string text) =>
        App.WithDbContextAsync(db => CustomerSearch.SearchAsync(db, text, 10, Today, Cancel));

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    /// <summary>A Swedish mobile number in E.164 that no other test uses.</summary>
    private static string UniqueMobile() => $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}";

    /// <summary>The same number as people write it in Sweden: 070-123 45 67.</summary>
    private static string Local(string e164) => $"0{e164[3..5]}-{e164[5..8]} {e164[8..10]} {e164[10..]}";

    private static async Task<Dictionary<string, object?>> RawRowAsync(TouchpointDbContext db, string table, string keyColumn, object key)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Cancel);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{keyColumn}\" = @key";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@key";
            // EF keeps Guids as upper-case text on SQLite and as uuid on PostgreSQL.
            parameter.Value = connection is Microsoft.Data.Sqlite.SqliteConnection ? key.ToString()!.ToUpperInvariant() : key;
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(Cancel);
            Assert.True(await reader.ReadAsync(Cancel), $"No row in {table} for {key}.");
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            return row;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Describe(object? value) => value is null ? "NULL" : $"{value} ({value.GetType().Name})";
}

[Trait("Provider", "Sqlite")]
public sealed class ImportTestsOnSqlite(SqliteApp app) : ImportTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ImportTestsOnPostgres(PostgresApp app) : ImportTests(app), IClassFixture<PostgresApp>;
