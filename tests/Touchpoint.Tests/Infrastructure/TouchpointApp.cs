using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Touchpoint.Data;
using Touchpoint.Demo;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Tests.Infrastructure;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Touchpoint in memory (TestServer) on a database of its own: a fresh SQLite file in a temp folder,
/// or a fresh database in the assembly's PostgreSQL cluster. Demo data is on, the admin password known.
/// Nothing falls due behind a test's back: the hosted <see cref="DueWatcher"/> is removed, and a test that
/// wants promises, deadlines, orders or deliveries handled moves the clock and calls <see cref="RunDueWorkAsync"/>.
/// The audit sealer is removed alike: a test seals with <c>AuditSealer.RunOnceAsync</c>.
/// </summary>
public class TouchpointApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "admin-password-for-tests";

    /// <summary>
    /// TestServer has no socket, so no peer address. Kestrel reports an IPv4 client on a dual-stack
    /// socket as an IPv4-mapped IPv6 address; this plays that part so the audit's address is checked.
    /// </summary>
    public static readonly IPAddress ClientAddress = IPAddress.Parse("::ffff:203.0.113.7");

    public const string ClientAddressAsAudited = "203.0.113.7";

    private readonly PostgresServer postgres;
    private readonly Dictionary<string, string?> settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Task<string>> knownUserTokens = new(StringComparer.Ordinal);
    private readonly string? sharedDatabase;
    private string? dataDirectory;

    public TouchpointApp(
        Provider provider, PostgresServer postgres, IReadOnlyDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null, string? sharedDatabase = null)
    {
        Provider = provider;
        this.postgres = postgres;
        Clock = clock;
        this.sharedDatabase = sharedDatabase;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }
    }

    public Provider Provider { get; }

    /// <summary>The app's clock when the test moves time; null when the app runs on the system clock.</summary>
    public FakeTimeProvider? Clock { get; }

    /// <summary>Now on the clock the app runs on (its fake <see cref="Clock"/>, or the system's): tests date their data from it.</summary>
    public DateTime UtcNow => Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Creates, migrates and seeds the database (PostgreSQL only when the cluster runs; tests then skip).</summary>
    public async ValueTask InitializeAsync()
    {
        if (Provider == Provider.Postgres)
        {
            if (!postgres.IsRunning)
            {
                return;
            }

            ConnectionString = sharedDatabase ?? await postgres.CreateDatabaseAsync();
        }

        // A data folder of its own also on PostgreSQL: the audit journal is written there.
        dataDirectory = Directory.CreateTempSubdirectory("touchpoint-tests-").FullName;
        if (Provider == Provider.Sqlite)
        {
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "touchpoint.db") }.ToString();
        }

        // Starting the host runs the DatabaseInitializer: migrations, admin account, demo data.
        _ = Server;
    }

    /// <summary>Call first in every test: skips a PostgreSQL test when PostgreSQL is not installed.</summary>
    public void SkipUnlessUsable()
    {
        if (Provider == Provider.Postgres)
        {
            postgres.SkipUnlessRunning();
        }
    }

    /// <summary>A factory of its own for a test that changes settings or the clock; disposed by the caller.</summary>
    public static async Task<TouchpointApp> StartAsync(
        Provider provider, PostgresServer postgres, IReadOnlyDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    {
        if (provider == Provider.Postgres)
        {
            postgres.SkipUnlessRunning();
        }

        var app = new TouchpointApp(provider, postgres, settings, clock);
        await app.InitializeAsync();
        return app;
    }

    /// <summary>
    /// <paramref name="count"/> nodes on one new, empty PostgreSQL database, started at the same instant, as an operator
    /// running several stateless nodes would start them; each node has its own data folder and, when given, clock.
    /// </summary>
    public static async Task<TouchpointApp[]> StartNodesAsync(
        PostgresServer postgres, int count, IReadOnlyDictionary<string, string?>? settings = null, Func<FakeTimeProvider>? clock = null)
    {
        postgres.SkipUnlessRunning();
        var database = await postgres.CreateDatabaseAsync();
        var nodes = Enumerable.Range(0, count).Select(_ => new TouchpointApp(Provider.Postgres, postgres, settings, clock?.Invoke(), database)).ToArray();
        using var start = new Barrier(count);
        await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            await node.InitializeAsync();
        })));
        return nodes;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [DatabaseSettings.ProviderKey] = Provider == Provider.Postgres ? "postgres" : "sqlite",
            [DatabaseSettings.ConnectionStringKey] = ConnectionString,
            [DatabaseSettings.DataDirectoryKey] = dataDirectory,
            [AdminAccount.PasswordKey] = AdminPassword,
            ["Touchpoint:DemoData"] = "true",
            // A small generated operator: the stories plus enough strangers to search among, started fast.
            [DemoData.GeneratedCustomersKey] = "200",
            // A survey follows every contact, resolved case and cancellation: tests about something else would find its
            // invitation among their messages. The feedback tests switch surveys on.
            ["Touchpoint:Surveys:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            // A test's own settings win over the defaults above.
            configuration[key] = value;
        }

        // Added last, so these win over appsettings.json and the environment.
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(configuration));
        builder.ConfigureTestServices(services =>
        {
            RemoveHostedDueWatcher(services);
            if (Clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }

            services.AddTransient<IStartupFilter, ClientAddressStartupFilter>();
        });
    }

    /// <summary>A client with no credentials that never follows redirects (an API must not redirect).</summary>
    public HttpClient CreateAnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client carrying a bearer token of <paramref name="userName"/>; admin and demo users need no password.</summary>
    public async Task<HttpClient> CreateClientAsAsync(string userName, string? password = null)
    {
        // Tokens of the admin and demo users are reused: hashing a password per request is most of a test's time.
        var token = password is null
            ? await knownUserTokens.GetOrAdd(userName, name => GetAccessTokenAsync(name, KnownPassword(name)))
            : await GetAccessTokenAsync(userName, password);
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> CreateAdminClientAsync() => CreateClientAsAsync(AdminAccount.UserName);

    /// <summary>The demo partner agency's id (Vendator, whose agent is the demo user <c>partner</c>).</summary>
    public Task<Guid> VendatorIdAsync() =>
        WithDbContextAsync(db => db.PartnerAgencies.Where(a => a.Name == DemoData.PartnerAgencyName).Select(a => a.Id).SingleAsync());

    /// <summary>Gives <paramref name="customerId"/> to Vendator to contact, as the demo team lead, so its agent may record contacts with them.</summary>
    public async Task GiveToVendatorAsync(string customerId)
    {
        using var lead = await CreateClientAsAsync("lead");
        using var response = await lead.PostAsJsonAsync($"/api/partner-agencies/{await VendatorIdAsync()}/customers", new { customerId });
        Assert.True(response.IsSuccessStatusCode, $"Giving {customerId} to Vendator failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>POST /api/auth/token; fails the test unless a token comes back.</summary>
    public async Task<string> GetAccessTokenAsync(string userName, string password)
    {
        using var client = CreateAnonymousClient();
        using var response = await RequestTokenAsync(client, userName, password);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Sign-in of {userName} failed with {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { userName, password });

    /// <summary>
    /// What the hosted <see cref="DueWatcher"/> does at a tick: handles everything due at the app's clock, to the end.
    /// When it returns, its effects are committed, so the test reads them at once instead of polling for them.
    /// </summary>
    public Task<int> RunDueWorkAsync() => Services.GetRequiredService<DueWatcher>().RunOnceAsync(TestContext.Current.CancellationToken);

    /// <summary>Runs <paramref name="work"/> with the app's own DbContext in a fresh scope.</summary>
    public async Task<T> WithDbContextAsync<T>(Func<TouchpointDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TouchpointDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider == Provider.Postgres && ConnectionString.Length > 0)
        {
            // Each app has a database, so a pool, of its own: its idle connections would stay open for minutes while
            // later apps open theirs, until the one server the whole run shares has none left to give.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        }

        if (dataDirectory is not null)
        {
            if (Provider == Provider.Sqlite)
            {
                SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
            }

            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing a test for.
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Takes the watcher off the host's timer; it stays registered, so <see cref="RunDueWorkAsync"/> runs it. A host
    /// registered some other way fails here rather than leaving a background watcher racing the tests.
    /// </summary>
    private static void RemoveHostedDueWatcher(IServiceCollection services)
    {
        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService
            && (d.ImplementationType == typeof(DueWatcher) || d.ImplementationFactory is Func<IServiceProvider, DueWatcher>)).ToList();
        if (hosted.Count != 1)
        {
            throw new InvalidOperationException(
                $"Expected the host to register {nameof(DueWatcher)} as one hosted service, found {hosted.Count}; update {nameof(RemoveHostedDueWatcher)}.");
        }

        services.Remove(hosted[0]);
        // The audit log is sealed when a test says so (AuditSealer.RunOnceAsync), so a test can change an entry first.
        foreach (var sealer in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is Func<IServiceProvider, Touchpoint.Features.Audit.AuditSealer>).ToList())
        {
            services.Remove(sealer);
        }

        // Mail is read when a test says so (ImapInbox.ReceiveAsync), never behind its back.
        foreach (var imap in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(Touchpoint.Features.Mail.ImapInboxWatcher)).ToList())
        {
            services.Remove(imap);
        }
    }

    private static string KnownPassword(string userName) => userName switch
    {
        AdminAccount.UserName => AdminPassword,
        _ when DemoData.Users.Any(u => u.UserName == userName) => DemoData.Password,
        _ => throw new ArgumentException($"No known password for '{userName}'; pass it.", nameof(userName)),
    };

    private sealed class ClientAddressStartupFilter : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                context.Connection.RemoteIpAddress = ClientAddress;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Class fixture: one SQLite-backed app per test class.</summary>
public sealed class SqliteApp(PostgresServer postgres) : TouchpointApp(Provider.Sqlite, postgres);

/// <summary>Class fixture: one PostgreSQL-backed app per test class.</summary>
public sealed class PostgresApp(PostgresServer postgres) : TouchpointApp(Provider.Postgres, postgres);
