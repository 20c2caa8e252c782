using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Data;

/// <summary>The SQLite flavour; its migrations are in Data/Migrations/Sqlite.</summary>
public sealed class SqliteTouchpointDbContext(DbContextOptions<SqliteTouchpointDbContext> options) : TouchpointDbContext(options);

/// <summary>The PostgreSQL flavour; its migrations are in Data/Migrations/Postgres.</summary>
public sealed class PostgresTouchpointDbContext(DbContextOptions<PostgresTouchpointDbContext> options) : TouchpointDbContext(options);
