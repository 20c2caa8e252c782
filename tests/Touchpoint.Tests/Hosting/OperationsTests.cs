using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Features.Health;
using Touchpoint.Features.Telemetry;
using Touchpoint.Tests.Tmf;

namespace Touchpoint.Tests.Hosting;

/// <summary>
/// Issue 27, operable: the probes a load balancer asks (<c>/health/live</c>, <c>/health/ready</c>) and the Prometheus
/// scrape of Touchpoint's own gauges. A backlog is made through the public API: a TMF621 hub nobody listens at, and
/// tickets whose events wait for it because no watcher runs in a test.
/// </summary>
public abstract partial class OperationsTests(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_reads_nothing_ready_names_each_check_on_a_migrated_database_and_metrics_are_not_served_unless_set()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres);
        using var anonymous = app.CreateAnonymousClient();

        var live = await HttpAssert.JsonAsync(await anonymous.GetAsync("/health/live", Cancel));
        Assert.Equal("healthy", live.GetProperty("status").GetString());
        Assert.Equal(0, live.GetProperty("checks").GetArrayLength());

        var ready = await HttpAssert.JsonAsync(await anonymous.GetAsync("/health/ready", Cancel));
        Assert.Equal("healthy", ready.GetProperty("status").GetString());
        Assert.Equal(["database: healthy", "migrations: healthy", "outbox: healthy"], Checks(ready));

        using var metrics = await anonymous.GetAsync(TelemetrySettings.MetricsPath, Cancel);
        var off = await HttpAssert.ProblemAsync(metrics, HttpStatusCode.NotFound);
        Assert.Contains(TelemetrySettings.PrometheusKey, off.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_turns_503_naming_the_outbox_at_its_limit_and_the_scrape_shows_the_backlog_its_age_and_request_durations()
    {
        if (provider == Provider.Postgres)
        {
            postgres.SkipUnlessRunning();
        }

        var clock = TestClocks.StartingNow();
        await using var app = new PrometheusApp(provider, postgres, new Dictionary<string, string?> { [ReadinessSettings.OutboxBacklogLimitKey] = "3" }, clock);
        await app.InitializeAsync();
        using var admin = await app.CreateAdminClientAsync();
        using var agent = await app.CreateClientAsAsync("agent");
        using var anonymous = app.CreateAnonymousClient();
        var hub = await PostAsync(admin, Tmf621TroubleTicketApiTests.Hub, new JsonObject { ["callback"] = $"http://127.0.0.1:{LoopbackPort.Free()}/listener" });
        var customer = await CreateCustomerAsync(agent);

        await PostAsync(agent, Tmf621TroubleTicketApiTests.Tickets, Tmf621TroubleTicketApiTests.TicketBody(customer));
        await PostAsync(agent, Tmf621TroubleTicketApiTests.Tickets, Tmf621TroubleTicketApiTests.TicketBody(customer));
        var belowLimit = await HttpAssert.JsonAsync(await anonymous.GetAsync("/health/ready", Cancel));
        Assert.Equal("healthy", belowLimit.GetProperty("status").GetString());

        await PostAsync(agent, Tmf621TroubleTicketApiTests.Tickets, Tmf621TroubleTicketApiTests.TicketBody(customer));
        using var atLimit = await anonymous.GetAsync("/health/ready", Cancel);
        var notReady = await HttpAssert.JsonAsync(atLimit, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unhealthy", notReady.GetProperty("status").GetString());
        Assert.Equal(["database: healthy", "migrations: healthy", "outbox: unhealthy"], Checks(notReady));
        var outbox = notReady.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "outbox");
        Assert.Contains("TMF621 events waiting: 3 or more", outbox.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDbContextAsync(db => db.TroubleTicketEventDeliveries.CountAsync(d => d.HubId == Guid.Parse(hub) && d.NextAttemptAt != null, Cancel)));

        clock.Advance(TimeSpan.FromSeconds(90));
        using var scrape = await anonymous.GetAsync(TelemetrySettings.MetricsPath, Cancel);
        var text = await scrape.Content.ReadAsStringAsync(Cancel);

        Assert.True(scrape.StatusCode == HttpStatusCode.OK, $"/metrics answered {(int)scrape.StatusCode}: {text}");
        Assert.Equal(3, Sample(text, "touchpoint_outbox_backlog", "outbox=\"tmf621-events\""));
        Assert.Equal(90, Sample(text, "touchpoint_outbox_oldest_age_seconds", "outbox=\"tmf621-events\""));
        Assert.Equal(90, Sample(text, "touchpoint_watcher_lag_seconds", "work=\"tmf621-events\""));
        Assert.Equal(0, Sample(text, "touchpoint_watcher_lag_seconds", "work=\"orders\""));
        // No SMS provider is set in tests: SMS wait by design, which is no watcher falling behind.
        Assert.DoesNotContain("work=\"sms\"", text, StringComparison.Ordinal);
        Assert.True(Sample(text, "touchpoint_audit_unsealed") > 0, "The tickets' audit entries are not sealed in a test, so they are the unsealed tail.");
        // ASP.NET Core's request duration histogram, one series per route and status: the two probes above.
        Assert.Equal(1, Sample(text, "http_server_request_duration_seconds_count", "http_route=\"/health/ready\"", "http_response_status_code=\"200\""));
        Assert.Equal(1, Sample(text, "http_server_request_duration_seconds_count", "http_route=\"/health/ready\"", "http_response_status_code=\"503\""));
    }

    /// <summary>
    /// Whether OpenTelemetry is set up is decided while services are registered, before the factory adds a test's
    /// settings to the configuration; a host setting is there from the start, as the command line is.
    /// </summary>
    private sealed class PrometheusApp(Provider provider, PostgresServer postgres, IReadOnlyDictionary<string, string?> settings, FakeTimeProvider clock)
        : TouchpointApp(provider, postgres, settings, clock)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(TelemetrySettings.PrometheusKey, "true");
        }
    }

    private static List<string> Checks(JsonElement report) =>
        [.. report.GetProperty("checks").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}: {c.GetProperty("status").GetString()}").Order(StringComparer.Ordinal)];

    /// <summary>The value of the one sample of <paramref name="metric"/> whose labels hold every one of <paramref name="labels"/>.</summary>
    private static double Sample(string exposition, string metric, params string[] labels)
    {
        var samples = SampleLine().Matches(exposition)
            .Where(m => m.Groups["name"].Value == metric && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .ToList();
        Assert.True(samples.Count == 1, $"Expected one sample of {metric} with {string.Join(", ", labels)}, found {samples.Count} in:\n{exposition}");
        return double.Parse(samples[0].Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    private static async Task<string> CreateCustomerAsync(HttpClient agent)
    {
        using var response = await agent.PostAsJsonAsync("/api/customers",
            new { name = "Backlog Customer", jurisdiction = "SE", identities = new[] { new { kind = "email", value = $"backlog.{Guid.NewGuid():N}@example.com" } } },
            Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string> PostAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }
}

/// <summary>
/// OpenTelemetry collects every meter of a name in the process, so a scrape in one test app would also show the gauges
/// and request counts of apps other tests run at the same moment: these tests run on their own.
/// </summary>
[CollectionDefinition(nameof(ProcessWideMetrics), DisableParallelization = true)]
public sealed class ProcessWideMetrics;

[Collection(nameof(ProcessWideMetrics))]
[Trait("Provider", "Sqlite")]
public sealed class OperationsTestsOnSqlite(PostgresServer postgres) : OperationsTests(postgres, Provider.Sqlite);

[Collection(nameof(ProcessWideMetrics))]
[Trait("Provider", "Postgres")]
public sealed class OperationsTestsOnPostgres : OperationsTests
{
    public OperationsTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
