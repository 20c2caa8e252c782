using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Touchpoint.Hosting;

namespace Touchpoint.Tests.Api;

/// <summary>
/// The OpenAPI document is the contract a client is generated from: every operation says what it answers when it
/// works and each way it can fail, failures as <c>application/problem+json</c>. The document does not depend on the
/// database, so it is read once, on SQLite.
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed class OpenApiTests(SqliteApp app) : ApiTestBase(app), IClassFixture<SqliteApp>
{
    /// <summary>Operations anyone may call: no 401 or 403.</summary>
    private static readonly string[] Anonymous =
    [
        "GET /health",
        "POST /api/auth/token",
        "POST /api/leave/requests",
        "POST /api/leave/requests/{id}/verify",
        "POST /api/leave/requests/{id}/confirm",
        "POST /api/sms/sinch/callbacks",
        "POST /unsubscribe/{token}",
        "POST /survey/{token}",
    ];

    /// <summary>Operations every signed-in user may call, whatever their role: 401, but no 403.</summary>
    private static readonly string[] AnySignedInUser =
    [
        "GET /api/me",
        "GET /api/account/time-zone",
        "PUT /api/account/time-zone",
        "GET /api/account/language",
        "PUT /api/account/language",
        "GET /api/plans",
        "GET /api/inbox",
        "POST /api/inbox/{id}/read",
        "POST /api/inbox/read-all",
        "POST /api/customers/{id}/marketing-objection",
    ];

    /// <summary>Errors that are not problems: an unhealthy server answers with its health report, which monitors read.</summary>
    private static readonly string[] NotProblems = ["GET /health 503"];

    [Fact]
    public async Task Every_operation_documents_its_success_and_each_problem_it_can_answer()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var response = await agent.GetAsync("/openapi/v1.json", Cancel);
        var document = await HttpAssert.JsonAsync(response);

        var violations = OpenApiResponseRules.Check(document, Anonymous, AnySignedInUser, NotProblems);

        Assert.True(violations.Count == 0, $"{violations.Count} gaps in /openapi/v1.json:\n{string.Join('\n', violations)}");
    }

    [Fact]
    public async Task A_handler_answering_a_bare_IResult_leaves_gaps_the_rules_find()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddTouchpointHttp(builder.Configuration);
        await using var untyped = builder.Build();
        untyped.MapOpenApi();
        untyped.MapPost("/things/{id:guid}", (Guid id, ThingInput input) => id == Guid.Empty ? Results.NotFound() : Results.Ok(input));
        await untyped.StartAsync(Cancel);
        using var client = untyped.GetTestClient();

        using var response = await client.GetAsync("/openapi/v1.json", Cancel);
        var violations = OpenApiResponseRules.Check(await HttpAssert.JsonAsync(response), anonymous: [], anySignedInUser: [], notProblems: []);

        Assert.Contains("POST /things/{id}: the success response has no body schema", violations);
        Assert.Contains("POST /things/{id}: takes input but documents no 400 problem", violations);
        Assert.Contains("POST /things/{id}: takes an id but documents no 404 problem", violations);
        Assert.Contains("POST /things/{id}: needs a signed-in user but documents no 401 problem", violations);
    }

    public sealed record ThingInput(string Name);

    private static class OpenApiResponseRules
    {
        private const string Problem = "application/problem+json";

        public static List<string> Check(
            JsonElement document, IReadOnlyCollection<string> anonymous, IReadOnlyCollection<string> anySignedInUser, IReadOnlyCollection<string> notProblems)
        {
            var violations = new List<string>();
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
                {
                    var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                    var responses = operation.Value.TryGetProperty("responses", out var r) ? r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value) : [];
                    void Require(int status, bool when, string because)
                    {
                        if (when && !(responses.TryGetValue(status.ToString(CultureInfo.InvariantCulture), out var response) && IsProblem(response)))
                        {
                            violations.Add($"{name}: {because} but documents no {status} problem");
                        }
                    }

                    var successes = responses.Where(p => p.Key.StartsWith('2')).ToList();
                    if (successes.Count == 0)
                    {
                        violations.Add($"{name}: no success response");
                    }
                    else if (successes.Any(s => s.Key != "204" && !HasSchema(s.Value)))
                    {
                        violations.Add($"{name}: the success response has no body schema");
                    }

                    var parameters = operation.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().Select(e => e.GetProperty("in").GetString()).ToList() : [];
                    Require(400, operation.Value.TryGetProperty("requestBody", out _) || parameters.Contains("query"), "takes input");
                    Require(404, parameters.Contains("path"), "takes an id");
                    Require(401, !anonymous.Contains(name), "needs a signed-in user");
                    Require(403, !anonymous.Contains(name) && !anySignedInUser.Contains(name), "needs a role");

                    foreach (var (status, response) in responses.Where(e => e.Key[0] is '4' or '5' && !notProblems.Contains($"{name} {e.Key}")))
                    {
                        if (!IsProblem(response))
                        {
                            violations.Add($"{name}: {status} is not described as {Problem}");
                        }
                    }
                }
            }

            return violations;
        }

        private static bool HasSchema(JsonElement response) =>
            response.TryGetProperty("content", out var content) && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _));

        private static bool IsProblem(JsonElement response) =>
            response.TryGetProperty("content", out var content) && content.TryGetProperty(Problem, out var media) && media.TryGetProperty("schema", out _);
    }
}
