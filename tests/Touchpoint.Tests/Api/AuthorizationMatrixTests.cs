namespace Touchpoint.Tests.Api;

/// <summary>
/// Issue 26: the authorization matrix. Every operation of the OpenAPI document is called by each of six callers
/// (anonymous, PartnerAgent, Agent, TeamLead, Admin, Telephony) with unknown but well-formed ids and an empty JSON body. A caller
/// the table below shuts out must be stopped by authorization itself: 401 (anonymous) or 403 (signed in) as
/// ProblemDetails, never a 400 or 404 that shows validation or a lookup ran first. A caller it lets in may get any
/// answer but 401, 403 or a 5xx. The table is read off the endpoints' <c>RequireAuthorization</c> calls; an operation
/// it does not classify fails the test, so a new endpoint is classified when it is added.
/// </summary>
public abstract class AuthorizationMatrixTests(TouchpointApp app) : ApiTestBase(app)
{
    private const string Customers = "/api/customers";
    private const string Cases = "/api/cases";
    private const string Tmf629 = "/tmf-api/customerManagement/v4/customer";
    private const string Individual = "/tmf-api/party/v4/individual";
    private const string Organization = "/tmf-api/party/v4/organization";
    private const string Tmf683 = "/tmf-api/partyInteraction/v4/partyInteraction";
    private const string Tmf637 = "/tmf-api/productInventory/v4/product";
    private const string Tmf621 = "/tmf-api/troubleTicket/v4/troubleTicket";
    private const string Tmf621Hub = "/tmf-api/troubleTicket/v4/hub";
    private const string Tmf622 = "/tmf-api/productOrderingManagement/v4/productOrder";
    private const string Tmf622Cancel = "/tmf-api/productOrderingManagement/v4/cancelProductOrder";
    private const string Tmf679 = "/tmf-api/productOfferingQualification/v4/productOfferingQualification";
    private const string Tmf681 = "/tmf-api/communicationManagement/v4/communicationMessage";

    /// <summary>Who may call each operation ("METHOD path" as the OpenAPI document spells the path).</summary>
    private static readonly Dictionary<string, Access> Matrix = new(StringComparer.Ordinal)
    {
        ["GET /health"] = Access.Anyone,
        ["POST /api/auth/token"] = Access.Anyone,
        // The customer's own leaving flow: they prove who they are with the code sent to them, not a sign-in.
        ["POST /api/leave/requests"] = Access.Anyone,
        ["POST /api/leave/requests/{id}/verify"] = Access.Anyone,
        ["POST /api/leave/requests/{id}/confirm"] = Access.Anyone,
        ["POST /api/sms/sinch/callbacks"] = Access.SignedBySinch,
        // RFC 8058 one-click unsubscribe: the unguessable token in the link is the customer's proof (GDPR-21).
        ["POST /unsubscribe/{token}"] = Access.Anyone,
        // A survey's answer: the unguessable token in the link it came with is the customer's proof.
        ["POST /survey/{token}"] = Access.Anyone,

        // What is about the signed-in user themselves.
        ["GET /api/me"] = Access.SignedIn,
        ["GET /api/account/time-zone"] = Access.SignedIn,
        ["PUT /api/account/time-zone"] = Access.SignedIn,
        ["GET /api/account/language"] = Access.SignedIn,
        ["PUT /api/account/language"] = Access.SignedIn,
        ["GET /api/inbox"] = Access.SignedIn,
        ["POST /api/inbox/{id}/read"] = Access.SignedIn,
        ["POST /api/inbox/read-all"] = Access.SignedIn,
        // The catalogue is what partner agencies sell. With customerId a partner agent gets a customer's plans only for
        // a customer given to their agency; any other id is answered like one nobody has (checked in the handler).
        ["GET /api/plans"] = Access.People,
        // Partner agents record the contacts they make themselves (S0-1), with the customers given to their agency
        // only (checked in the handler: CustomerTimelineScenarios).
        ["POST /api/interactions"] = Access.People,
        ["POST " + Tmf683] = Access.People,
        // Staff who hear an objection record it; a partner agent only for a customer given to their agency (checked in the handler).
        ["POST " + Customers + "/{id}/marketing-objection"] = Access.People,

        ["GET " + Customers] = Access.OwnStaff,
        ["GET /api/surveys"] = Access.OwnStaff,
        ["GET /api/surveys/{id}"] = Access.OwnStaff,
        ["GET /api/feedback"] = Access.LeadOrAdmin,
        ["POST " + Customers] = Access.OwnStaff,
        ["GET " + Customers + "/{id}"] = Access.OwnStaff,
        ["PATCH " + Customers + "/{id}"] = Access.OwnStaff,
        ["POST " + Customers + "/{id}/identities"] = Access.OwnStaff,
        ["GET " + Customers + "/{id}/timeline"] = Access.OwnStaff,
        ["GET " + Customers + "/{id}/changes"] = Access.OwnStaff,
        // GDPR Art. 15: any of own staff may ask; download and send are the requester's alone (checked in the handler).
        ["POST " + Customers + "/{id}/personal-data-exports"] = Access.OwnStaff,
        ["GET " + Customers + "/{id}/personal-data-exports"] = Access.OwnStaff,
        ["GET /api/personal-data-exports/{id}"] = Access.OwnStaff,
        ["GET /api/personal-data-exports/{id}/download"] = Access.OwnStaff,
        ["POST /api/personal-data-exports/{id}/send"] = Access.OwnStaff,
        ["GET " + Customers + "/{id}/erasure-plan"] = Access.OwnStaff,
        ["POST " + Customers + "/{id}/erasure-requests"] = Access.OwnStaff,
        ["GET " + Customers + "/{id}/erasure-requests"] = Access.OwnStaff,
        ["GET /api/erasure-requests/{id}"] = Access.OwnStaff,
        ["POST /api/erasure-requests/{id}/schedule"] = Access.LeadOrAdmin,
        ["POST /api/erasure-requests/{id}/cancel"] = Access.LeadOrAdmin,
        ["PUT " + Customers + "/{id}/legal-hold"] = Access.Admin,
        ["DELETE " + Customers + "/{id}/legal-hold"] = Access.Admin,
        // Any agent may ask for a merge; one without evidence becomes a request a lead decides (checked in the handler).
        ["POST " + Customers + "/{id}/merge"] = Access.OwnStaff,
        ["POST " + Customers + "/{id}/unmerge"] = Access.LeadOrAdmin,
        ["GET /api/merge-requests"] = Access.OwnStaff,
        ["GET /api/merge-requests/{id}"] = Access.OwnStaff,
        ["POST /api/merge-requests/{id}/approve"] = Access.LeadOrAdmin,
        ["POST /api/merge-requests/{id}/refuse"] = Access.LeadOrAdmin,

        ["POST /api/subscriptions"] = Access.OwnStaff,
        ["GET /api/subscriptions/{id}/terms"] = Access.OwnStaff,
        ["GET /api/subscriptions/{id}/summaries"] = Access.OwnStaff,
        ["GET /api/subscriptions/{id}/leaving"] = Access.OwnStaff,
        ["POST /api/subscriptions/{id}/cancellation"] = Access.OwnStaff,
        ["POST /api/subscriptions/{id}/withdrawal"] = Access.OwnStaff,
        ["GET /api/subscriptions/{id}/findings"] = Access.OwnStaff,
        ["POST /api/subscriptions/{id}/findings"] = Access.OwnStaff,
        ["POST /api/subscriptions/{id}/end-without-cost"] = Access.OwnStaff,
        ["POST /api/subscriptions/{id}/retention-offers"] = Access.OwnStaff,
        ["GET /api/terminations"] = Access.OwnStaff,
        ["GET /api/terminations/{id}"] = Access.OwnStaff,
        ["POST /api/terminations/{id}/revoke"] = Access.OwnStaff,
        ["GET /api/coverage"] = Access.OwnStaff,

        ["POST /api/promises"] = Access.OwnStaff,
        ["GET /api/promises"] = Access.OwnStaff,
        ["GET /api/promises/kept-rates"] = Access.LeadOrAdmin,
        ["GET /api/promises/{id}"] = Access.OwnStaff,
        ["POST /api/promises/{id}/withdraw"] = Access.OwnStaff,
        ["POST /api/promises/{id}/claim"] = Access.OwnStaff,
        ["POST /api/promises/{id}/settle"] = Access.OwnStaff,
        ["POST /api/promises/{id}/keep"] = Access.OwnStaff,

        // Owner-only moves of a case (status, answers, need) are checked by the handler once the case is read: a 403
        // naming the owner for someone else's case, which unknown ids cannot reach. The role gate is own staff.
        ["POST " + Cases] = Access.OwnStaff,
        ["GET " + Cases] = Access.OwnStaff,
        ["GET " + Cases + "/{id}"] = Access.OwnStaff,
        ["POST " + Cases + "/{id}/status"] = Access.OwnStaff,
        ["POST " + Cases + "/{id}/reopen"] = Access.OwnStaff,
        ["POST " + Cases + "/{id}/questions"] = Access.OwnStaff,
        ["POST " + Cases + "/{id}/questions/{questionId}/answer"] = Access.OwnStaff,
        ["PUT " + Cases + "/{id}/need"] = Access.OwnStaff,
        ["POST " + Cases + "/{id}/handoff"] = Access.OwnStaff,
        ["POST " + Cases + "/{id}/handoff/accept"] = Access.OwnStaff,
        ["POST " + Cases + "/{id}/handoff/decline"] = Access.OwnStaff,
        ["POST " + Cases + "/{id}/handoff/cancel"] = Access.OwnStaff,
        ["POST " + Cases + "/{id}/claim"] = Access.OwnStaff,
        ["POST " + Cases + "/{id}/contacts"] = Access.OwnStaff,
        ["GET " + Cases + "/{id}/conversation"] = Access.OwnStaff,
        ["POST " + Cases + "/{id}/replies"] = Access.OwnStaff,
        ["GET " + Cases + "/{id}/attachments/{attachmentId}"] = Access.OwnStaff,
        ["GET " + Cases + "/{caseId}/reply-templates/{templateId}"] = Access.OwnStaff,

        ["GET /api/reply-templates"] = Access.OwnStaff,
        ["GET /api/reply-templates/{id}"] = Access.OwnStaff,
        ["POST /api/reply-templates"] = Access.LeadOrAdmin,
        ["PUT /api/reply-templates/{id}"] = Access.LeadOrAdmin,
        ["POST /api/reply-templates/{id}/archive"] = Access.LeadOrAdmin,
        ["GET /api/queues"] = Access.OwnStaff,
        ["GET /api/queues/{id}"] = Access.OwnStaff,
        ["POST /api/queues"] = Access.LeadOrAdmin,
        ["PUT /api/queues/{id}"] = Access.LeadOrAdmin,
        // The telephony platform's account reports calls and agents; admins may too (issue 21).
        ["POST /api/telephony/queues/{queueId}/calls"] = Access.Telephony,
        ["GET /api/telephony/calls/{callId}"] = Access.Telephony,
        ["POST /api/telephony/calls/{callId}/abandon"] = Access.Telephony,
        ["POST /api/telephony/calls/{callId}/callback"] = Access.Telephony,
        ["POST /api/telephony/calls/{callId}/connect"] = Access.Telephony,
        ["POST /api/telephony/calls/{callId}/end"] = Access.Telephony,
        ["POST /api/telephony/calls/{callId}/callback-attempts"] = Access.Telephony,
        ["PUT /api/telephony/agents/{userId}/state"] = Access.Telephony,
        ["GET /api/telephony/agents/{userId}"] = Access.Telephony,
        ["GET /api/telephony/queues/{queueId}/settings"] = Access.Telephony,
        ["PUT /api/telephony/queues/{queueId}/settings"] = Access.LeadOrAdmin,
        // The contact centre's live board (issue 21): what a lead watches of a queue's calls and agents.
        ["GET /api/telephony/queues/{queueId}/board"] = Access.LeadOrAdmin,

        // Who may decide a compensation (not one's own, within one's mandate) is the handler's: a 403 for a real request.
        ["POST /api/compensations/proposal"] = Access.OwnStaff,
        ["POST /api/compensations"] = Access.OwnStaff,
        ["GET /api/compensations"] = Access.OwnStaff,
        ["GET /api/compensations/{id}"] = Access.OwnStaff,
        ["POST /api/compensations/{id}/approve"] = Access.OwnStaff,
        ["POST /api/compensations/{id}/refuse"] = Access.OwnStaff,
        ["POST /api/orders"] = Access.OwnStaff,
        ["GET /api/orders"] = Access.OwnStaff,
        ["GET /api/orders/{id}"] = Access.OwnStaff,
        ["POST /api/orders/{id}/cancel"] = Access.OwnStaff,

        ["GET /api/users"] = Access.Admin,
        ["POST /api/users"] = Access.Admin,
        ["GET /api/users/{id}"] = Access.Admin,
        ["POST /api/users/{id}/unlock"] = Access.Admin,
        ["PUT /api/users/{id}/team-lead"] = Access.Admin,
        ["PUT /api/users/{id}/channel"] = Access.Admin,
        ["PUT /api/users/{id}/time-zone"] = Access.Admin,
        // Team leads give partner agencies the customers they may contact.
        ["GET /api/partner-agencies/{id}/customers"] = Access.LeadOrAdmin,
        ["POST /api/partner-agencies/{id}/customers"] = Access.LeadOrAdmin,
        ["DELETE /api/partner-agencies/{id}/customers/{customerId}"] = Access.LeadOrAdmin,
        ["GET /api/partner-agencies"] = Access.Admin,
        ["POST /api/partner-agencies"] = Access.Admin,
        ["GET /api/audit"] = Access.Admin,
        ["POST /api/audit/{id}/reveal"] = Access.Admin,
        ["GET /api/audit/verification"] = Access.Admin,
        ["POST /api/plans"] = Access.Admin,
        ["POST /api/plans/{code}/term-changes"] = Access.Admin,

        ["GET " + Tmf629] = Access.OwnStaff,
        ["POST " + Tmf629] = Access.OwnStaff,
        ["GET " + Tmf629 + "/{id}"] = Access.OwnStaff,
        ["PATCH " + Tmf629 + "/{id}"] = Access.OwnStaff,
        ["GET " + Individual] = Access.OwnStaff,
        ["GET " + Individual + "/{id}"] = Access.OwnStaff,
        ["PATCH " + Individual + "/{id}"] = Access.OwnStaff,
        ["GET " + Organization] = Access.OwnStaff,
        ["GET " + Organization + "/{id}"] = Access.OwnStaff,
        ["PATCH " + Organization + "/{id}"] = Access.OwnStaff,
        ["GET " + Tmf683] = Access.OwnStaff,
        ["GET " + Tmf683 + "/{id}"] = Access.OwnStaff,
        ["GET " + Tmf637] = Access.OwnStaff,
        ["GET " + Tmf637 + "/{id}"] = Access.OwnStaff,
        ["POST " + Tmf637] = Access.OwnStaff,
        ["GET " + Tmf621] = Access.OwnStaff,
        ["GET " + Tmf621 + "/{id}"] = Access.OwnStaff,
        ["POST " + Tmf621] = Access.OwnStaff,
        ["PATCH " + Tmf621 + "/{id}"] = Access.OwnStaff,
        ["POST " + Tmf621Hub] = Access.Admin,
        ["GET " + Tmf621Hub] = Access.Admin,
        ["DELETE " + Tmf621Hub + "/{id}"] = Access.Admin,
        ["GET " + Tmf622] = Access.OwnStaff,
        ["GET " + Tmf622 + "/{id}"] = Access.OwnStaff,
        ["POST " + Tmf622] = Access.OwnStaff,
        ["PATCH " + Tmf622 + "/{id}"] = Access.OwnStaff,
        ["POST " + Tmf622Cancel] = Access.OwnStaff,
        ["GET " + Tmf622Cancel] = Access.OwnStaff,
        ["GET " + Tmf622Cancel + "/{id}"] = Access.OwnStaff,
        ["GET " + Tmf679] = Access.OwnStaff,
        ["GET " + Tmf679 + "/{id}"] = Access.OwnStaff,
        ["POST " + Tmf679] = Access.OwnStaff,
        ["GET " + Tmf681] = Access.OwnStaff,
        ["GET " + Tmf681 + "/{id}"] = Access.OwnStaff,
        ["POST " + Tmf681] = Access.OwnStaff,
    };

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Every_operation_lets_in_exactly_the_roles_it_is_classified_for()
    {
        var callers = new List<Caller> { new("anonymous", null, App.CreateAnonymousClient()) };
        foreach (var (userName, role) in new[] { ("partner", Role.PartnerAgent), ("agent", Role.Agent), ("lead", Role.TeamLead), ("admin", Role.Admin), ("switch", Role.Telephony) })
        {
            callers.Add(new(userName, role, await App.CreateClientAsAsync(userName)));
        }

        try
        {
            var operations = await OperationsAsync(callers.Single(c => c.Role == Role.Admin).Client);
            var mismatches = new List<string>();
            mismatches.AddRange(operations.Keys.Where(key => !Matrix.ContainsKey(key)).Select(key => $"classify {key}"));
            mismatches.AddRange(Matrix.Keys.Where(key => !operations.ContainsKey(key)).Select(key => $"{key} is classified but the OpenAPI document has no such operation"));
            foreach (var (key, operation) in operations.Where(o => Matrix.ContainsKey(o.Key)))
            {
                var access = Matrix[key];
                foreach (var caller in callers)
                {
                    using var request = operation.Request();
                    using var response = await caller.Client.SendAsync(request, Cancel);
                    if (Mismatch(access, caller, response) is { } wrong)
                    {
                        var body = await response.Content.ReadAsStringAsync(Cancel);
                        mismatches.Add($"{key} as {caller.Name} ({access}): {wrong}, got {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {Shorten(body)}");
                    }
                }
            }

            Assert.True(operations.Count >= 100, $"Only {operations.Count} operations in the OpenAPI document.");
            Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches in the authorization matrix:\n{string.Join('\n', mismatches)}");
        }
        finally
        {
            callers.ForEach(caller => caller.Client.Dispose());
        }
    }

    /// <summary>What is wrong with the answer, or null when it is what the table says the caller gets.</summary>
    private static string? Mismatch(Access access, Caller caller, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        if (access == Access.SignedBySinch)
        {
            // Authorization lets anyone through to the signature check; an unsigned call is refused there (404 while SMS by Sinch is off).
            return status is 401 or 404 && isProblem ? null : "expected 401 (unsigned) or 404 (Sinch not configured) as ProblemDetails";
        }

        if (!MayCall(access, caller.Role))
        {
            var expected = caller.Role is null ? 401 : 403;
            return status == expected && isProblem ? null : $"expected {expected} as ProblemDetails";
        }

        return status is 401 or 403 or >= 500 ? "expected to be let in (anything but 401, 403 or 5xx)" : null;
    }

    private static bool MayCall(Access access, Role? role) => access switch
    {
        Access.Anyone => true,
        Access.SignedIn => role is not null,
        Access.People => role is Role.PartnerAgent or Role.Agent or Role.TeamLead or Role.Admin,
        Access.OwnStaff => role is Role.Agent or Role.TeamLead or Role.Admin,
        Access.LeadOrAdmin => role is Role.TeamLead or Role.Admin,
        Access.Admin => role is Role.Admin,
        Access.Telephony => role is Role.Telephony or Role.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
    };

    /// <summary>Every operation of the OpenAPI document by "METHOD path", each able to build its request.</summary>
    private static async Task<Dictionary<string, Operation>> OperationsAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/openapi/v1.json", Cancel);
        var document = await HttpAssert.JsonAsync(response);
        var operations = new Dictionary<string, Operation>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in Methods.Where(m => path.Value.TryGetProperty(m, out _)))
            {
                var operation = path.Value.GetProperty(method);
                var verb = method.ToUpperInvariant();
                operations[$"{verb} {path.Name}"] = new Operation(new HttpMethod(verb), Address(path.Name, operation), BodyMediaType(operation));
            }
        }

        return operations;
    }

    /// <summary>The path with every parameter filled with an id nothing has: a number where the route wants one, else a new Guid.</summary>
    private static string Address(string template, JsonElement operation)
    {
        var address = template;
        var parameters = operation.TryGetProperty("parameters", out var declared) ? declared.EnumerateArray().ToList() : [];
        foreach (var parameter in parameters.Where(p => p.GetProperty("in").GetString() == "path"))
        {
            var isNumber = parameter.TryGetProperty("schema", out var schema) && schema.TryGetProperty("type", out var type)
                && type.ToString().Contains("integer", StringComparison.Ordinal);
            var value = isNumber ? Random.Shared.NextInt64(1_000_000_000, 9_000_000_000).ToString(CultureInfo.InvariantCulture) : Guid.NewGuid().ToString();
            address = address.Replace($"{{{parameter.GetProperty("name").GetString()}}}", value, StringComparison.Ordinal);
        }

        return address;
    }

    private static string? BodyMediaType(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
            ? content.EnumerateObject().Select(c => c.Name).FirstOrDefault()
            : null;

    private static string Shorten(string body) => body.Length <= 200 ? body : $"{body[..200]}…";

    private enum Access
    {
        /// <summary>No credentials needed.</summary>
        Anyone,

        /// <summary>Any signed-in user, partner agents included.</summary>
        SignedIn,

        /// <summary>People who deal with customers: own staff and partner agents, not the telephony platform's account.</summary>
        People,

        /// <summary>The operator's own staff: Agent, TeamLead, Admin.</summary>
        OwnStaff,

        LeadOrAdmin,
        Admin,

        /// <summary>The telephony platform's machine account, and admins.</summary>
        Telephony,

        /// <summary>A webhook: anonymous at the door, refused by its own signature check without Sinch's signature.</summary>
        SignedBySinch,
    }

    private enum Role
    {
        PartnerAgent,
        Agent,
        TeamLead,
        Admin,
        Telephony,
    }

    private sealed record Caller(string Name, Role? Role, HttpClient Client);

    private sealed record Operation(HttpMethod Method, string Address, string? BodyMediaType)
    {
        public HttpRequestMessage Request() => new(Method, Address)
        {
            Content = BodyMediaType is null ? null : new StringContent("{}", System.Text.Encoding.UTF8, BodyMediaType),
        };
    }
}

[Trait("Provider", "Sqlite")]
public sealed class AuthorizationMatrixTestsOnSqlite(SqliteApp app) : AuthorizationMatrixTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class AuthorizationMatrixTestsOnPostgres(PostgresApp app) : AuthorizationMatrixTests(app), IClassFixture<PostgresApp>;
