using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Touchpoint.Hosting;

namespace Touchpoint.Data;

// Used only by `dotnet ef migrations add`; no database is contacted.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTouchpointDbContext>
{
    public SqliteTouchpointDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteTouchpointDbContext>().UseSqlite("Data Source=design-time.db")
            .UseTouchpointServices(new CurrentActor(new HttpContextAccessor()), TimeProvider.System).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTouchpointDbContext>
{
    public PostgresTouchpointDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresTouchpointDbContext>().UseNpgsql("Host=localhost;Database=touchpoint_design")
            .UseTouchpointServices(new CurrentActor(new HttpContextAccessor()), TimeProvider.System).Options);
}
