using Microsoft.EntityFrameworkCore;
using Touchpoint.Features.Live;
using Touchpoint.Hosting;

namespace Touchpoint.Data;

public static class DatabaseSetup
{
    private static readonly SqliteConnectionSettings SqliteSettings = new();
    private static readonly SqliteStatementReuse SqliteStatements = new();
    private static readonly SqliteWriteGate SqliteWrites = new();
    private static readonly RowLockClauses PostgresRowLocks = new();

    /// <summary>
    /// Registers both provider contexts and resolves <see cref="TouchpointDbContext"/> to the configured one.
    /// The choice is made when the context is resolved, so hosts and tests that adjust configuration late still get it.
    /// </summary>
    public static IServiceCollection AddTouchpointDatabase(this IServiceCollection services)
    {
        SqliteProcessSettings.Apply();
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<LiveChangeCapture>();

        // Pooled: a request's context comes reset from a pool instead of being built (and its EF services resolved)
        // anew. The context holds no per-request state; who acts and the clock are singletons it reads when saving.
#pragma warning disable EF1001 // ISqliteRelationalConnection is EF's internal API: see KeepOpenSqliteConnection.
        services.AddDbContextPool<SqliteTouchpointDbContext>((sp, options) =>
            options.UseSqlite(sp.GetRequiredService<DatabaseSettings>().ConnectionString).AddInterceptors(SqliteSettings, SqliteStatements, SqliteWrites, sp.GetRequiredService<LiveChangeCapture>())
                .ReplaceService<Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.ISqliteRelationalConnection, KeepOpenSqliteConnection>()
                .UseTouchpointServices(sp.GetRequiredService<CurrentActor>(), sp.GetRequiredService<TimeProvider>()));
#pragma warning restore EF1001
        services.AddDbContextPool<PostgresTouchpointDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<DatabaseSettings>().ConnectionString).AddInterceptors(PostgresRowLocks, sp.GetRequiredService<LiveChangeCapture>())
                .UseTouchpointServices(sp.GetRequiredService<CurrentActor>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<TouchpointDbContext>(sp => sp.GetRequiredService<DatabaseSettings>().Provider switch
        {
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresTouchpointDbContext>(),
            _ => sp.GetRequiredService<SqliteTouchpointDbContext>(),
        });
        services.AddHostedService<DatabaseInitializer>();
        return services;
    }
}
