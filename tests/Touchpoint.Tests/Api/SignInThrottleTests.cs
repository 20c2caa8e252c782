using Microsoft.EntityFrameworkCore;
using Touchpoint.Features.Audit;

namespace Touchpoint.Tests.Api;

/// <summary>
/// Failed sign-ins throttled per client address and per user name (429 with Retry-After). Each test sets limits of
/// its own, small enough to reach at once, so no test waits for a window to pass; each therefore gets an app of its own.
/// </summary>
public abstract class SignInThrottleTests(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Failures_for_one_user_name_are_throttled_alike_whether_or_not_the_user_exists()
    {
        await using var app = await StartAsync(failuresPerClient: 100, failuresPerAccount: 3);
        using var client = app.CreateAnonymousClient();
        var unknown = $"ghost-{Guid.NewGuid():N}"[..16];
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var wrong = await TouchpointApp.RequestTokenAsync(client, "lead", "wrong-password");
            using var wrongUnknown = await TouchpointApp.RequestTokenAsync(client, unknown, "wrong-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, wrongUnknown.StatusCode);
        }

        // The right password too: the throttle answers before any password is looked at.
        using var known = await TouchpointApp.RequestTokenAsync(client, "lead", "touchpoint-demo");
        using var unknownAgain = await TouchpointApp.RequestTokenAsync(client, unknown, "wrong-password");

        var (knownDetail, knownRetryAfter) = await AssertThrottledAsync(known);
        var (unknownDetail, unknownRetryAfter) = await AssertThrottledAsync(unknownAgain);
        Assert.Equal(knownDetail, unknownDetail);
        Assert.Equal(knownRetryAfter, unknownRetryAfter);
        Assert.InRange(knownRetryAfter, 1, 3600);

        // Another user from the same address is not held up by them.
        using var other = await TouchpointApp.RequestTokenAsync(client, "agent", "touchpoint-demo");
        await HttpAssert.JsonAsync(other);
        var throttled = await FailuresOfAsync(app, "lead");
        Assert.Equal("bearer token: throttled, too many failures from this user name", throttled[0]);
    }

    [Fact]
    public async Task Failures_from_one_address_across_user_names_are_throttled_for_every_user_name_from_it()
    {
        await using var app = await StartAsync(failuresPerClient: 4, failuresPerAccount: 100);
        using var client = app.CreateAnonymousClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var spray = await TouchpointApp.RequestTokenAsync(client, $"guess-{attempt}", "Summer2026!");
            Assert.Equal(HttpStatusCode.Unauthorized, spray.StatusCode);
        }

        using var next = await TouchpointApp.RequestTokenAsync(client, "agent", "touchpoint-demo");

        await AssertThrottledAsync(next);
        Assert.Equal("bearer token: throttled, too many failures from this address", (await FailuresOfAsync(app, "agent"))[0]);
    }

    [Fact]
    public async Task Successful_sign_ins_are_not_counted_so_an_office_behind_one_address_is_never_throttled()
    {
        await using var app = await StartAsync(failuresPerClient: 2, failuresPerAccount: 2);
        using var client = app.CreateAnonymousClient();

        for (var signIn = 1; signIn <= 5; signIn++)
        {
            using var response = await TouchpointApp.RequestTokenAsync(client, signIn % 2 == 0 ? "agent" : "store", "touchpoint-demo");
            await HttpAssert.JsonAsync(response);
        }
    }

    [Fact]
    public async Task The_sign_in_page_counts_against_the_same_limits_and_answers_429_in_words_a_person_reads()
    {
        await using var app = await StartAsync(failuresPerClient: 100, failuresPerAccount: 2);
        using var browser = app.CreateAnonymousClient();

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            using var wrong = await SignInForm.PostAsync(browser, "lead", "wrong-password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Wrong user name or password.", await wrong.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        using var throttled = await SignInForm.PostAsync(browser, "lead", "touchpoint-demo");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter?.Delta);
        Assert.Contains("Too many failed sign-ins. Try again in ", await throttled.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        using var api = await TouchpointApp.RequestTokenAsync(browser, "lead", "touchpoint-demo");
        await AssertThrottledAsync(api);
        Assert.Equal("web: throttled, too many failures from this user name", (await FailuresOfAsync(app, "lead"))[1]);
    }

    private async Task<TouchpointApp> StartAsync(int failuresPerClient, int failuresPerAccount) =>
        await TouchpointApp.StartAsync(provider, postgres, new Dictionary<string, string?>
        {
            ["Touchpoint:Auth:FailedSignInsPerClient"] = failuresPerClient.ToString(CultureInfo.InvariantCulture),
            ["Touchpoint:Auth:FailedSignInsPerAccount"] = failuresPerAccount.ToString(CultureInfo.InvariantCulture),
            ["Touchpoint:Auth:FailedSignInWindowMinutes"] = "60",
        });

    private static async Task<(string Detail, int RetryAfterSeconds)> AssertThrottledAsync(HttpResponseMessage response)
    {
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.TooManyRequests);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("Too many failed sign-ins. Try again in ", detail, StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("accessToken", out _));
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        return (detail, (int)retryAfter.Value.TotalSeconds);
    }

    /// <summary>
    /// The details of the SignInFailed entries of <paramref name="userName"/>, newest first; read from the database,
    /// since an admin signing in from the throttled address would be throttled too.
    /// </summary>
    private static Task<List<string>> FailuresOfAsync(TouchpointApp app, string userName) =>
        app.WithDbContextAsync(db => db.AuditEntries
            .Where(e => e.UserName == userName && e.Action == AuditAction.SignInFailed)
            .OrderByDescending(e => e.Id)
            .Select(e => e.Details!)
            .ToListAsync(Cancel));
}

[Trait("Provider", "Sqlite")]
public sealed class SignInThrottleTestsOnSqlite(PostgresServer postgres) : SignInThrottleTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class SignInThrottleTestsOnPostgres : SignInThrottleTests
{
    public SignInThrottleTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
