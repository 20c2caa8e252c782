using Xunit.Sdk;

namespace Touchpoint.Tests.Tmf;

/// <summary>The TMF schema validator itself: it finds the specs, loads every one, passes valid JSON and fails invalid JSON.</summary>
public sealed class TmfSchemaTests
{
    /// <summary>The main resource of each spec in shared/tmf (by API name).</summary>
    private static readonly Dictionary<string, string[]> MainResources = new(StringComparer.Ordinal)
    {
        ["TMF621-TroubleTicket"] = ["TroubleTicket"],
        ["TMF622-ProductOrder"] = ["ProductOrder"],
        ["TMF629-Customer"] = ["Customer"],
        ["TMF632-Party"] = ["Individual", "Organization"],
        ["TMF637-ProductInventory"] = ["Product"],
        ["TMF679-ProductOfferingQualification"] = ["ProductOfferingQualification"],
        ["TMF681-Communication"] = ["CommunicationMessage"],
        ["TMF683-PartyInteraction"] = ["PartyInteraction"],
    };

    public static TheoryData<string, string> MainResourceCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (api, definitions) in MainResources)
        {
            foreach (var definition in definitions)
            {
                data.Add(api, definition);
            }
        }

        return data;
    }

    // ---- locating and loading ----

    [Fact]
    public void The_shared_tmf_folder_is_found_beside_the_repo_root()
    {
        var folder = TmfSpecs.Directory;

        Assert.Equal("tmf", Path.GetFileName(folder));
        var shared = Path.GetDirectoryName(folder)!;
        Assert.Equal("shared", Path.GetFileName(shared));
        var beside = Path.GetDirectoryName(shared)! + Path.DirectorySeparatorChar;
        Assert.True(AppContext.BaseDirectory.StartsWith(beside, StringComparison.Ordinal),
            $"{folder} is not beside the repo holding {AppContext.BaseDirectory}");
        Assert.True(File.Exists(Path.Combine(folder, "README.md")), folder);
        Assert.Contains(TmfSpecs.Files, f => Path.GetFileName(f) == "TMF629-Customer-v4.0.0.swagger.json");
    }

    [Fact]
    public void Every_spec_file_in_the_folder_has_a_known_main_resource_that_loads()
    {
        var apis = TmfSpecs.Files.Select(TmfSpecs.ApiOf).ToList();

        Assert.NotEmpty(apis);
        foreach (var api in apis)
        {
            Assert.True(MainResources.TryGetValue(api, out var definitions),
                $"{api} is in shared/tmf but not in {nameof(MainResources)}: add its main resource.");
            foreach (var definition in definitions)
            {
                var schema = TmfSchema.For(api, definition);
                Assert.Equal(definition, schema.Definition);
            }
        }
    }

    [Theory]
    [MemberData(nameof(MainResourceCases))]
    public void The_main_resource_of_each_spec_loads_and_accepts_an_object_with_just_an_id_and_type(string api, string definition)
    {
        var schema = TmfSchema.For(api, definition);

        // Only the resources with a required list need more than this (Customer: engagedParty; ProductOrder: productOrderItem).
        var errors = schema.Validate($$"""{ "id": "x1", "href": "/x/x1", "@type": "{{definition}}" }""");

        Assert.All(errors, e => Assert.Contains("PropertyRequired", e, StringComparison.Ordinal));
        Assert.NotEmpty(schema.Validate("""{ "id": 1 }"""));
    }

    [Fact]
    public void Every_definition_of_every_spec_can_be_used_as_a_validator()
    {
        var checkedDefinitions = 0;
        foreach (var file in TmfSpecs.Files)
        {
            var api = TmfSpecs.ApiOf(file);
            foreach (var definition in TmfSchema.DefinitionsOf(api))
            {
                var schema = TmfSchema.For(api, definition);
                if (definition == "Any")
                {
                    // TMF622's placeholder for a value of any type: everything is valid.
                    Assert.Empty(schema.Validate("[]"));
                    checkedDefinitions++;
                    continue;
                }

                // Every reference resolves, and the validator really checks: an array is no other definition's shape; an empty
                // object breaks at most an object's required attributes, and is refused where a string (an enumeration) is due.
                Assert.True(schema.Validate("[]").Count > 0, $"{schema} accepts an array.");
                var errors = schema.Validate("{}");
                if (!errors.Contains("$: StringExpected"))
                {
                    Assert.All(errors, e => Assert.Contains("PropertyRequired", e, StringComparison.Ordinal));
                }

                checkedDefinitions++;
            }
        }

        Assert.True(checkedDefinitions > 100, $"Only {checkedDefinitions} definitions were found in {TmfSpecs.Files.Count} specs.");
    }

    [Fact]
    public void An_api_can_be_named_by_its_number_alone_and_validators_are_cached()
    {
        var schema = TmfSchema.For("TMF629", "Customer");

        Assert.Same(TmfSchema.For("TMF629-Customer", "Customer"), schema);
        Assert.Equal("TMF629-Customer", schema.Api);
    }

    [Fact]
    public void An_unknown_api_or_definition_is_a_clear_error()
    {
        var api = Assert.Throws<ArgumentException>(() => TmfSchema.For("TMF999-Nothing", "Customer"));
        Assert.Contains("TMF629-Customer", api.Message, StringComparison.Ordinal);

        var definition = Assert.Throws<ArgumentException>(() => TmfSchema.For("TMF629-Customer", "Customr"));
        Assert.Contains("Customer_Create", definition.Message, StringComparison.Ordinal);
    }

    // ---- TMF629 Customer ----

    private const string Customer = """
        {
          "id": "c-1",
          "href": "/tmf-api/customerManagement/v4/customer/c-1",
          "name": "Ada Lovelace",
          "status": "Approved",
          "engagedParty": { "id": "p-1", "href": "/tmf-api/party/v4/individual/p-1", "@referredType": "Individual" },
          "validFor": { "startDateTime": "2024-01-31T08:00:00Z" },
          "contactMedium": [ { "mediumType": "email", "characteristic": { "emailAddress": "ada@example.org" } } ],
          "characteristic": [ { "name": "segment", "value": "gold" }, { "name": "score", "value": 7 } ],
          "@type": "Customer"
        }
        """;

    private static TmfSchema CustomerSchema => TmfSchema.For("TMF629-Customer", "Customer");

    [Fact]
    public void A_minimal_TMF629_customer_is_valid() =>
        CustomerSchema.AssertValid("""{ "id": "c-1", "engagedParty": { "id": "p-1", "@referredType": "Individual" } }""");

    [Fact]
    public void A_full_TMF629_customer_is_valid() => CustomerSchema.AssertValid(Customer);

    [Fact]
    public void Extension_fields_of_a_subtype_are_allowed() =>
        CustomerSchema.AssertValid(Customer.Replace("\"@type\": \"Customer\"",
            "\"@type\": \"TouchpointCustomer\", \"@baseType\": \"Customer\", \"partnerAgencyId\": 42, \"flags\": [\"vip\"]",
            StringComparison.Ordinal));

    [Fact]
    public void A_TMF629_customer_without_engaged_party_fails_naming_it() =>
        AssertFails(CustomerSchema, Without(Customer, "engagedParty"), "$.engagedParty: PropertyRequired");

    [Fact]
    public void A_TMF629_customer_whose_engaged_party_lacks_its_referred_type_fails_naming_it() =>
        AssertFails(CustomerSchema, Customer.Replace(", \"@referredType\": \"Individual\"", "", StringComparison.Ordinal),
            "$.engagedParty.@referredType: PropertyRequired");

    [Fact]
    public void A_TMF629_customer_whose_name_is_a_number_fails() =>
        AssertFails(CustomerSchema, Customer.Replace("\"Ada Lovelace\"", "5", StringComparison.Ordinal), "$.name: StringExpected");

    [Fact]
    public void A_TMF629_customer_whose_valid_for_is_a_string_fails() =>
        AssertFails(CustomerSchema, Customer.Replace("{ \"startDateTime\": \"2024-01-31T08:00:00Z\" }", "\"2024-01-31\"", StringComparison.Ordinal),
            "$.validFor: ObjectExpected");

    [Fact]
    public void A_TMF629_customer_with_a_date_that_is_not_a_date_time_fails() =>
        AssertFails(CustomerSchema, Customer.Replace("2024-01-31T08:00:00Z", "yesterday", StringComparison.Ordinal),
            "$.validFor.startDateTime: DateTimeExpected");

    [Theory]
    [InlineData("2024-01-31T08:00:00Z")]
    [InlineData("2024-01-31T08:00:00.1234567Z")]
    [InlineData("2024-01-31T08:00:00+01:00")]
    [InlineData("2024-01-31t08:00:00.5-05:30")]
    public void An_rfc_3339_date_time_is_valid(string value) =>
        CustomerSchema.AssertValid(Customer.Replace("2024-01-31T08:00:00Z", value, StringComparison.Ordinal));

    [Theory]
    [InlineData("2024-01-31")]
    [InlineData("2024-01-31T08:00:00")]
    [InlineData("2024-01-31T08:00Z")]
    [InlineData("2024-02-30T08:00:00Z")]
    [InlineData("31/01/2024 08:00:00")]
    public void A_date_time_without_offset_or_seconds_or_that_does_not_exist_fails(string value) =>
        AssertFails(CustomerSchema, Customer.Replace("2024-01-31T08:00:00Z", value, StringComparison.Ordinal),
            "$.validFor.startDateTime: DateTimeExpected");

    [Fact]
    public void A_null_where_the_spec_has_a_string_fails() =>
        AssertFails(CustomerSchema, Customer.Replace("\"Approved\"", "null", StringComparison.Ordinal), "$.status: StringExpected");

    [Fact]
    public void A_TMF629_customer_create_without_name_fails_naming_it() =>
        AssertFails(TmfSchema.For("TMF629-Customer", "Customer_Create"),
            """{ "engagedParty": { "id": "p-1", "@referredType": "Individual" } }""", "$.name: PropertyRequired");

    // ---- TMF632 Individual ----

    private const string Individual = """
        {
          "id": "p-1",
          "href": "/tmf-api/party/v4/individual/p-1",
          "givenName": "Ada",
          "familyName": "Lovelace",
          "birthDate": "1815-12-10T00:00:00Z",
          "status": "validated",
          "contactMedium": [
            { "mediumType": "email", "preferred": true, "characteristic": { "emailAddress": "ada@example.org" } },
            { "mediumType": "phone", "characteristic": { "phoneNumber": "+44 20 7946 0000" } }
          ],
          "@type": "Individual"
        }
        """;

    private static TmfSchema IndividualSchema => TmfSchema.For("TMF632-Party", "Individual");

    [Fact]
    public void A_TMF632_individual_is_valid() => IndividualSchema.AssertValid(Individual);

    [Fact]
    public void A_TMF632_individual_without_id_fails_naming_it() =>
        AssertFails(IndividualSchema, Without(Individual, "id"), "$.id: PropertyRequired");

    [Fact]
    public void A_TMF632_individual_whose_given_name_is_a_number_fails() =>
        AssertFails(IndividualSchema, Individual.Replace("\"Ada\"", "5", StringComparison.Ordinal), "$.givenName: StringExpected");

    [Fact]
    public void A_TMF632_individual_with_a_status_outside_the_enum_fails() =>
        AssertFails(IndividualSchema, Individual.Replace("\"validated\"", "\"alive\"", StringComparison.Ordinal), "$.status: NotInEnumeration");

    [Fact]
    public void A_TMF632_individual_whose_contact_preference_is_a_string_fails_at_its_index() =>
        AssertFails(IndividualSchema, Individual.Replace("\"preferred\": true", "\"preferred\": \"yes\"", StringComparison.Ordinal),
            "$.contactMedium[0].preferred: BooleanExpected");

    [Fact]
    public void A_TMF632_individual_create_without_family_name_fails_naming_it() =>
        AssertFails(TmfSchema.For("TMF632-Party", "Individual_Create"), """{ "givenName": "Ada" }""", "$.familyName: PropertyRequired");

    // ---- TMF683 PartyInteraction ----

    private const string PartyInteraction = """
        {
          "id": "i-1",
          "href": "/tmf-api/partyInteraction/v4/partyInteraction/i-1",
          "description": "Called about a late delivery",
          "direction": "inbound",
          "reason": "delivery",
          "status": "completed",
          "creationDate": "2024-02-01T09:30:00+01:00",
          "interactionDate": { "startDateTime": "2024-02-01T09:30:00+01:00", "endDateTime": "2024-02-01T09:41:00+01:00" },
          "channel": [ { "id": "phone", "href": "/channel/phone", "role": "contact" } ],
          "relatedParty": [ { "id": "c-1", "href": "/tmf-api/customerManagement/v4/customer/c-1", "role": "customer", "@referredType": "Customer" } ],
          "note": [ { "text": "Promised a call back", "date": "2024-02-01T09:41:00Z" } ],
          "@type": "PartyInteraction"
        }
        """;

    private static TmfSchema PartyInteractionSchema => TmfSchema.For("TMF683-PartyInteraction", "PartyInteraction");

    [Fact]
    public void A_TMF683_party_interaction_is_valid() => PartyInteractionSchema.AssertValid(PartyInteraction);

    [Fact]
    public void A_TMF683_related_party_without_href_fails_naming_it() =>
        AssertFails(PartyInteractionSchema,
            PartyInteraction.Replace("\"href\": \"/tmf-api/customerManagement/v4/customer/c-1\", ", "", StringComparison.Ordinal),
            "$.relatedParty[0].href: PropertyRequired");

    [Fact]
    public void A_TMF683_party_interaction_whose_interaction_date_is_a_string_fails() =>
        AssertFails(PartyInteractionSchema,
            PartyInteraction.Replace(
                "{ \"startDateTime\": \"2024-02-01T09:30:00+01:00\", \"endDateTime\": \"2024-02-01T09:41:00+01:00\" }",
                "\"2024-02-01\"", StringComparison.Ordinal),
            "$.interactionDate: ObjectExpected");

    [Fact]
    public void A_TMF683_party_interaction_whose_channel_is_an_object_fails() =>
        AssertFails(PartyInteractionSchema,
            PartyInteraction.Replace("[ { \"id\": \"phone\", \"href\": \"/channel/phone\", \"role\": \"contact\" } ]",
                "{ \"id\": \"phone\", \"href\": \"/channel/phone\" }", StringComparison.Ordinal),
            "$.channel: ArrayExpected");

    [Fact]
    public void A_TMF683_party_interaction_create_without_channel_fails_naming_it() =>
        AssertFails(TmfSchema.For("TMF683-PartyInteraction", "PartyInteraction_Create"), Without(PartyInteraction, "channel"),
            "$.channel: PropertyRequired");

    // ---- TMF637 Product ----

    private const string Product = """
        {
          "id": "s-1",
          "href": "/tmf-api/productInventory/v4/product/s-1",
          "name": "Fibre 500",
          "status": "active",
          "isBundle": false,
          "isCustomerVisible": true,
          "startDate": "2024-03-01T00:00:00Z",
          "productOffering": { "id": "fibre-500", "name": "Fibre 500" },
          "productCharacteristic": [ { "name": "downloadMbps", "valueType": "number", "value": 500 } ],
          "productPrice": [ { "priceType": "recurring", "recurringChargePeriod": "month", "price": { "taxIncludedAmount": { "unit": "EUR", "value": 39.9 } } } ],
          "relatedParty": [ { "id": "c-1", "role": "owner", "@referredType": "Customer" } ],
          "@type": "Product"
        }
        """;

    private static TmfSchema ProductSchema => TmfSchema.For("TMF637-ProductInventory", "Product");

    [Fact]
    public void A_TMF637_product_is_valid() => ProductSchema.AssertValid(Product);

    [Fact]
    public void A_TMF637_product_characteristic_without_value_fails_naming_it() =>
        AssertFails(ProductSchema, Product.Replace(", \"value\": 500", "", StringComparison.Ordinal),
            "$.productCharacteristic[0].value: PropertyRequired");

    [Fact]
    public void A_TMF637_product_offering_without_id_fails_naming_it() =>
        AssertFails(ProductSchema, Product.Replace("\"id\": \"fibre-500\", ", "", StringComparison.Ordinal),
            "$.productOffering.id: PropertyRequired");

    [Fact]
    public void A_TMF637_product_whose_is_bundle_is_a_string_fails() =>
        AssertFails(ProductSchema, Product.Replace("\"isBundle\": false", "\"isBundle\": \"no\"", StringComparison.Ordinal),
            "$.isBundle: BooleanExpected");

    [Fact]
    public void A_TMF637_product_whose_price_amount_is_a_string_fails() =>
        AssertFails(ProductSchema, Product.Replace("39.9", "\"39.9\"", StringComparison.Ordinal),
            "$.productPrice[0].price.taxIncludedAmount.value: NumberExpected");

    [Fact]
    public void A_TMF637_product_with_a_status_outside_the_enum_fails() =>
        AssertFails(ProductSchema, Product.Replace("\"active\"", "\"live\"", StringComparison.Ordinal), "$.status: NotInEnumeration");

    [Fact]
    public void A_TMF637_product_create_without_status_fails_naming_it() =>
        AssertFails(TmfSchema.For("TMF637-ProductInventory", "Product_Create"), Without(Product, "status"), "$.status: PropertyRequired");

    // ---- TMF621 TroubleTicket ----

    private const string TroubleTicket = """
        {
          "id": "t-1",
          "href": "/tmf-api/troubleTicket/v4/troubleTicket/t-1",
          "name": "No internet",
          "description": "Router shows a red light",
          "severity": "major",
          "ticketType": "incident",
          "priority": "high",
          "status": "inProgress",
          "creationDate": "2024-04-02T10:00:00Z",
          "lastUpdate": "2024-04-02T11:00:00Z",
          "channel": { "id": "web", "name": "Web" },
          "relatedParty": [ { "id": "c-1", "role": "customer", "@referredType": "Customer" } ],
          "relatedEntity": [ { "id": "s-1", "role": "affectedProduct", "@referredType": "Product" } ],
          "note": [ { "text": "Sent a technician", "author": "agent-7", "date": "2024-04-02T11:00:00Z" } ],
          "statusChange": [ { "status": "acknowledged", "changeDate": "2024-04-02T10:00:00Z" } ],
          "@type": "TroubleTicket"
        }
        """;

    private static TmfSchema TroubleTicketSchema => TmfSchema.For("TMF621-TroubleTicket", "TroubleTicket");

    [Fact]
    public void A_TMF621_trouble_ticket_is_valid() => TroubleTicketSchema.AssertValid(TroubleTicket);

    [Fact]
    public void A_TMF621_related_entity_without_role_fails_naming_it() =>
        AssertFails(TroubleTicketSchema, TroubleTicket.Replace("\"role\": \"affectedProduct\", ", "", StringComparison.Ordinal),
            "$.relatedEntity[0].role: PropertyRequired");

    [Fact]
    public void A_TMF621_trouble_ticket_whose_priority_is_a_number_fails() =>
        AssertFails(TroubleTicketSchema, TroubleTicket.Replace("\"high\"", "1", StringComparison.Ordinal), "$.priority: StringExpected");

    [Fact]
    public void A_TMF621_trouble_ticket_with_a_status_outside_the_enum_fails() =>
        AssertFails(TroubleTicketSchema, TroubleTicket.Replace("\"inProgress\"", "\"open\"", StringComparison.Ordinal), "$.status: NotInEnumeration");

    [Fact]
    public void A_TMF621_trouble_ticket_create_without_severity_fails_naming_it() =>
        AssertFails(TmfSchema.For("TMF621-TroubleTicket", "TroubleTicket_Create"), Without(TroubleTicket, "severity"),
            "$.severity: PropertyRequired");

    // ---- TMF622 ProductOrder, TMF679 ProductOfferingQualification ----

    [Fact]
    public void A_TMF622_product_order_needs_items_with_id_and_action()
    {
        var schema = TmfSchema.For("TMF622-ProductOrder", "ProductOrder");

        schema.AssertValid("""
            { "id": "o-1", "state": "acknowledged", "orderDate": "2024-05-01T12:00:00Z",
              "productOrderItem": [ { "id": "1", "action": "add", "productOffering": { "id": "fibre-500" } } ] }
            """);
        AssertFails(schema, """{ "id": "o-1" }""", "$.productOrderItem: PropertyRequired");
        AssertFails(schema, """{ "id": "o-1", "productOrderItem": [ { "id": "1", "action": "upgrade" } ] }""",
            "$.productOrderItem[0].action: NotInEnumeration");
    }

    [Fact]
    public void A_TMF679_qualification_is_checked_down_to_its_items()
    {
        var schema = TmfSchema.For("TMF679-ProductOfferingQualification", "ProductOfferingQualification");

        schema.AssertValid("""
            { "id": "q-1", "state": "done", "qualificationResult": "qualified",
              "place": [ { "id": "addr-1", "role": "installationAddress", "@referredType": "GeographicAddress" } ],
              "productOfferingQualificationItem": [ { "id": "1", "qualificationItemResult": "qualified" } ] }
            """);
        AssertFails(schema, """{ "id": "q-1", "productOfferingQualificationItem": [ { "qualificationItemResult": "qualified" } ] }""",
            "$.productOfferingQualificationItem[0].id: PropertyRequired");
        AssertFails(schema, """{ "id": "q-1", "instantSyncQualification": "true" }""", "$.instantSyncQualification: BooleanExpected");
    }

    // ---- arrays, assertion messages, bad input ----

    [Fact]
    public void An_array_of_valid_customers_is_valid() =>
        CustomerSchema.AssertValidArray($"[{Customer}, {Customer}]");

    [Fact]
    public void An_empty_array_is_valid() => CustomerSchema.AssertValidArray("[]");

    [Fact]
    public void An_array_with_one_invalid_customer_fails_at_its_index() =>
        Assert.Contains("$[1].engagedParty: PropertyRequired", CustomerSchema.ValidateArray($"[{Customer}, {Without(Customer, "engagedParty")}]"));

    [Fact]
    public void An_object_where_an_array_is_expected_fails() =>
        Assert.Contains("$: ArrayExpected", CustomerSchema.ValidateArray(Customer)[0], StringComparison.Ordinal);

    [Fact]
    public void An_array_where_an_object_is_expected_fails() =>
        Assert.Contains("$: ObjectExpected", CustomerSchema.Validate($"[{Customer}]"));

    [Fact]
    public void Malformed_json_is_an_error_not_an_exception() =>
        Assert.StartsWith("$: InvalidJson", Assert.Single(CustomerSchema.Validate("""{ "id": """)), StringComparison.Ordinal);

    [Fact]
    public void AssertValid_fails_listing_every_error_with_its_line_and_the_json()
    {
        var json = Without(Customer, "engagedParty").Replace("\"Ada Lovelace\"", "5", StringComparison.Ordinal);

        var failure = Assert.ThrowsAny<XunitException>(() => CustomerSchema.AssertValid(json));

        Assert.Contains("TMF629-Customer-v4.0.0.swagger.json#/definitions/Customer", failure.Message, StringComparison.Ordinal);
        Assert.Contains("2 errors", failure.Message, StringComparison.Ordinal);
        Assert.Contains("$.engagedParty: PropertyRequired", failure.Message, StringComparison.Ordinal);
        Assert.Contains("$.name: StringExpected    [line 4: \"name\": 5,]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"mediumType\": \"email\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssertValidArray_fails_naming_the_element()
    {
        var failure = Assert.ThrowsAny<XunitException>(() =>
            CustomerSchema.AssertValidArray($"[{Customer}, {Customer.Replace("\"Approved\"", "1", StringComparison.Ordinal)}]"));

        Assert.Contains("$[1].status: StringExpected", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("$[0]", failure.Message, StringComparison.Ordinal);
    }

    // ---- helpers ----

    private static void AssertFails(TmfSchema schema, string json, string expected)
    {
        var errors = schema.Validate(json);
        Assert.True(errors.Contains(expected),
            $"Expected the error '{expected}' from {schema}, got: [{string.Join("; ", errors)}] for\n{json}");
    }

    /// <summary>The JSON object without one top-level property.</summary>
    private static string Without(string json, string property)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove(property), $"No '{property}' to remove.");
        return node.ToJsonString();
    }
}
