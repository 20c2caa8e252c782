namespace Touchpoint.Features.Audit;

/// <summary>
/// Where a read's audit entry goes before the data leaves: on SQLite the file journal (<see cref="AuditJournal"/>), on
/// PostgreSQL the database itself (<see cref="DatabaseReadJournal"/>), so that nodes sharing one database keep nothing
/// of their own on disk and every node's log shows every node's reads at once.
/// </summary>
public interface IReadJournal
{
    /// <summary>Completes once <paramref name="entry"/> is durable; fails if it could not be written, and then the read must fail.</summary>
    ValueTask AppendAsync(AuditEntry entry, CancellationToken cancellationToken);
}
