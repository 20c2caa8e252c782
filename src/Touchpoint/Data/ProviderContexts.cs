using Microsoft.EntityFrameworkCore;
using Touchpoint.Hosting;

namespace Touchpoint.Data;

/// <summary>The SQLite flavour; its migrations are in Data/Migrations/Sqlite.</summary>
public sealed class SqliteTouchpointDbContext(DbContextOptions<SqliteTouchpointDbContext> options, CurrentActor currentActor, TimeProvider clock)
    : TouchpointDbContext(options, currentActor, clock);

/// <summary>The PostgreSQL flavour; its migrations are in Data/Migrations/Postgres.</summary>
public sealed class PostgresTouchpointDbContext(DbContextOptions<PostgresTouchpointDbContext> options, CurrentActor currentActor, TimeProvider clock)
    : TouchpointDbContext(options, currentActor, clock);
