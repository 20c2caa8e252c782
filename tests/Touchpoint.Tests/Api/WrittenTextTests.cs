using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Features.Customers;
using System.Text;
using System.Text.Json.Nodes;

namespace Touchpoint.Tests.Api;

/// <summary>
/// No operation takes text a person could not have written: a NUL in any string of any JSON body, query parameter or
/// posted form field is answered with a 400 problem naming the field, before anything reaches the database, on both databases. (TestServer
/// refuses a NUL in the path before the app sees it; Kestrel's answer to one is checked by the fuzzer.)
/// The operations and their fields are read from the OpenAPI document, so a new endpoint or field is covered without
/// being listed here.
/// </summary>
public abstract class WrittenTextTests(TouchpointApp app) : ApiTestBase(app)
{
    private const string Refused = "a\0b";

    [Fact]
    public async Task A_NUL_in_any_text_field_of_any_operation_is_a_400_naming_the_field()
    {
        var document = await OpenApiAsync();
        var schemas = new Schemas(document);
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        var failures = new List<string>();
        var checkedFields = 0;
        try
        {
            foreach (var (method, path, operation) in Operations(document))
            {
                if (!operation.TryGetProperty("requestBody", out var requestBody)
                    || !requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
                    || !json.TryGetProperty("schema", out var schema))
                {
                    continue;
                }

                var fields = new List<string>();
                schemas.Body(schema, target: null, fields);
                var address = Address(path, operation);
                foreach (var field in fields)
                {
                    checkedFields++;
                    var body = schemas.Body(schema, target: field, []);
                    var (status, answer) = await SendAsync(clients, method, address, body);
                    if (Problem(status, answer, field) is { } problem)
                    {
                        failures.Add($"{method} {path} {field}: {problem}");
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        Assert.True(checkedFields > 100, $"Only {checkedFields} text fields found in /openapi/v1.json: the walk is broken.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedFields} fields were not refused with a 400 naming them:\n{string.Join('\n', failures)}");
    }

    [Theory]
    [InlineData("/api/customers?search=a%00b", "search")]
    [InlineData("/api/plans?customerId=a%00b", "customerId")]
    [InlineData("/tmf-api/customerManagement/v4/customer?name=a%00b", "name")]
    public async Task A_NUL_in_a_query_parameter_is_a_400_naming_it(string address, string field)
    {
        using var admin = await App.CreateAdminClientAsync();
        using var response = await admin.GetAsync(address, Cancel);

        var (status, answer) = ((int)response.StatusCode, await Read(response));
        Assert.True(Problem(status, answer, field) is null, $"{address}: {Problem(status, answer, field)}");
    }

    [Fact]
    public async Task A_NUL_in_a_field_of_a_posted_form_is_a_400_naming_it()
    {
        using var anonymous = App.CreateAnonymousClient();
        // Multipart: ASP.NET Core leaves %00 in a url-encoded form undecoded, but a part carries the NUL itself.
        using var form = new MultipartFormDataContent
        {
            { new StringContent("leave-start"), "_handler" },
            { new StringContent(Refused), "Start.Name" },
            { new StringContent("070-600 43 00"), "Start.Subscription" },
            { new StringContent("lars@example.se"), "Start.Contact" },
        };

        using var response = await anonymous.PostAsync("/leave", form, Cancel);

        await HttpAssert.ValidationProblemAsync(response, "Start.Name");
    }

    [Fact]
    public async Task The_search_box_of_the_pages_finds_nothing_for_text_with_a_NUL_rather_than_failing()
    {
        var today = DateOnly.FromDateTime(App.UtcNow);

        var hits = await App.WithDbContextAsync(db => CustomerSearch.SearchAsync(db, "Bert\0Lindqvist", 10, today, Cancel));

        Assert.Empty(hits);
    }

    [Fact]
    public async Task A_partner_agency_name_longer_than_its_column_is_a_400_naming_it_and_nothing_is_stored()
    {
        using var admin = await App.CreateAdminClientAsync();
        var name = new string('V', 201);

        using var response = await admin.PostAsJsonAsync("/api/partner-agencies", new { name }, Cancel);

        await HttpAssert.ValidationProblemAsync(response, "name");
        Assert.False(await App.WithDbContextAsync(db => db.PartnerAgencies.AnyAsync(a => a.Name.StartsWith("VVVV"), Cancel)));
    }

    private static string? Problem(int status, JsonElement? answer, string field)
    {
        if (status != 400 || answer is not { } problem)
        {
            return $"answered {status}: {answer}";
        }

        if (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return $"the 400 names no field: {problem}";
        }

        // The field itself, or the raw JSON value holding it (a TMF characteristic's value is kept as JSON).
        var names = errors.EnumerateObject().Select(e => Normalized(e.Name)).ToList();
        return names.Any(n => n == field || field.StartsWith(n + ".", StringComparison.Ordinal) || field.StartsWith(n + "[", StringComparison.Ordinal))
            ? null
            : $"the 400 names {string.Join(", ", names)}: {problem.GetProperty("detail")}";
    }

    // System.Text.Json writes a name such as "@type" as ['@type'] in its paths.
    private static string Normalized(string path) => path.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');

    private async Task<JsonElement> OpenApiAsync()
    {
        using var admin = await App.CreateAdminClientAsync();
        using var response = await admin.GetAsync("/openapi/v1.json", Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where operation.Name is "post" or "put" or "patch"
        select (operation.Name.ToUpperInvariant(), path.Name, operation.Value);

    /// <summary>The path with each route value filled in as its schema wants, and each required query parameter given.</summary>
    private static string Address(string path, JsonElement operation)
    {
        var query = new List<string>();
        if (operation.TryGetProperty("parameters", out var parameters))
        {
            foreach (var parameter in parameters.EnumerateArray())
            {
                var name = parameter.GetProperty("name").GetString()!;
                var value = parameter.TryGetProperty("schema", out var schema) ? Schemas.SampleScalar(schema) : "x";
                switch (parameter.GetProperty("in").GetString())
                {
                    case "path":
                        path = path.Replace($"{{{name}}}", Uri.EscapeDataString(value), StringComparison.Ordinal);
                        break;
                    case "query" when parameter.TryGetProperty("required", out var required) && required.GetBoolean():
                        query.Add($"{name}={Uri.EscapeDataString(value)}");
                        break;
                }
            }
        }

        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    /// <summary>Sends as the admin; an operation for another role is sent again as a user of that role.</summary>
    private async Task<(int Status, JsonElement? Answer)> SendAsync(Dictionary<string, HttpClient> clients, string method, string address, JsonNode body)
    {
        (int, JsonElement?) answer = default;
        foreach (var user in new[] { "admin", "agent", "lead", "partner" })
        {
            if (!clients.TryGetValue(user, out var client))
            {
                clients[user] = client = await App.CreateClientAsAsync(user);
            }

            using var request = new HttpRequestMessage(new HttpMethod(method), address)
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue(method == "PATCH" && address.StartsWith("/tmf-api", StringComparison.Ordinal)
                    ? "application/merge-patch+json" : "application/json")),
            };
            using var response = await client.SendAsync(request, Cancel);
            answer = ((int)response.StatusCode, await Read(response));
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                return answer;
            }
        }

        return answer;
    }

    private static async Task<JsonElement?> Read(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return document.RootElement.Clone();
    }

    /// <summary>Valid-looking JSON for a schema of the document, with <see cref="Refused"/> at one field.</summary>
    private sealed class Schemas(JsonElement document)
    {
        private const int MaxDepth = 8;

        private readonly JsonElement components = document.GetProperty("components").GetProperty("schemas");

        /// <summary>A body for <paramref name="schema"/>; every string field's path is added to <paramref name="textFields"/>.</summary>
        public JsonNode Body(JsonElement schema, string? target, List<string> textFields) =>
            Value(schema, "", target, textFields, [], 0) ?? new JsonObject();

        public static string SampleScalar(JsonElement schema) => (Types(schema), Format(schema)) switch
        {
            (var types, _) when types.Contains("integer") || types.Contains("number") => "1",
            (_, "uuid") => Guid.NewGuid().ToString(),
            _ => "x",
        };

        private JsonNode? Value(JsonElement schema, string path, string? target, List<string> textFields, HashSet<string> refs, int depth)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!.Split('/')[^1];
                if (depth > MaxDepth || !refs.Add(name))
                {
                    return null;
                }

                var value = Value(components.GetProperty(name), path, target, textFields, refs, depth + 1);
                refs.Remove(name);
                return value;
            }

            foreach (var choice in new[] { "allOf", "oneOf", "anyOf" })
            {
                if (schema.TryGetProperty(choice, out var options))
                {
                    var option = options.EnumerateArray().FirstOrDefault(o => !Types(o).SequenceEqual(["null"]));
                    return option.ValueKind == JsonValueKind.Undefined ? null : Value(option, path, target, textFields, refs, depth);
                }
            }

            var types = Types(schema);
            if (types.Contains("object") || schema.TryGetProperty("properties", out _))
            {
                var body = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        body[property.Name] = Value(property.Value, Join(path, property.Name), target, textFields, refs, depth + 1);
                    }
                }
                else if (schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object)
                {
                    body["key"] = Value(values, Join(path, "key"), target, textFields, refs, depth + 1);
                }

                return body;
            }

            if (types.Contains("array"))
            {
                return schema.TryGetProperty("items", out var items) && Value(items, $"{path}[0]", target, textFields, refs, depth + 1) is { } item
                    ? new JsonArray(item)
                    : new JsonArray();
            }

            if (types.Contains("integer") || types.Contains("number"))
            {
                return 1;
            }

            if (types.Contains("boolean"))
            {
                return false;
            }

            // A string, or any JSON at all (a value kept as raw JSON): text either way.
            textFields.Add(path);
            if (path == target)
            {
                return Refused;
            }

            if (schema.TryGetProperty("enum", out var values2) && values2.EnumerateArray().FirstOrDefault(v => v.ValueKind == JsonValueKind.String) is { ValueKind: JsonValueKind.String } first)
            {
                return first.GetString();
            }

            return Format(schema) switch
            {
                "uuid" => Guid.NewGuid().ToString(),
                "date-time" => "2026-12-07T09:00:00Z",
                "date" => "2026-12-07",
                "time" => "09:00:00",
                _ => "text",
            };
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

        private static string? Format(JsonElement schema) => schema.TryGetProperty("format", out var format) ? format.GetString() : null;

        private static List<string> Types(JsonElement schema) => !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [type.GetString()!];
    }
}

[Trait("Provider", "Sqlite")]
public sealed class WrittenTextTestsOnSqlite(SqliteApp app) : WrittenTextTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class WrittenTextTestsOnPostgres(PostgresApp app) : WrittenTextTests(app), IClassFixture<PostgresApp>;
