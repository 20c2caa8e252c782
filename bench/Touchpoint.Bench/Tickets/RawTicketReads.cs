using System.Data.Common;
using System.Globalization;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Cases;
using Touchpoint.Hosting;

namespace Touchpoint.Bench.Tickets;

/// <summary>
/// The raw baselines of the ticket reads: the rows TMF621 reads for the same answer (the cases, their status changes,
/// notes, questions, pauses and linked contacts; a list's total too), in one batch of statements per call, every
/// column of every row read and nothing composed.
/// </summary>
internal sealed class RawTicketReads(RawDb raw)
{
    /// <summary>The open statuses as TMF621's <c>status</c> filter takes them.</summary>
    public static string OpenStatusList { get; } = string.Join(",", CaseViews.OpenStatuses.Select(s => s.ToWireName()));

    private static string OpenStatusSql => string.Join(", ", CaseViews.OpenStatuses.Select(s => RawDb.Quote(s.ToWireName())));

    /// <summary>One ticket and its parts; @p is its id.</summary>
    public static string ById => Ticket("""SELECT "Id" FROM "Cases" WHERE "Id" = @p""", """SELECT * FROM "Cases" WHERE "Id" = @p""", total: null);

    /// <summary>A customer's tickets, newest first, a default page; @p is the customer's id.</summary>
    public static string OfCustomer
    {
        get
        {
            var page = $"""SELECT "Id" FROM "Cases" WHERE "CustomerId" = @p ORDER BY "Id" DESC LIMIT {Page.DefaultLimit}""";
            return Ticket(page, $"""SELECT * FROM "Cases" WHERE "CustomerId" = @p ORDER BY "Id" DESC LIMIT {Page.DefaultLimit}""",
                """SELECT COUNT(*) FROM "Cases" WHERE "CustomerId" = @p""");
        }
    }

    /// <summary>The newest open tickets.</summary>
    public static string NewestOpen(int limit)
    {
        var filter = $"""FROM "Cases" WHERE "Status" IN ({OpenStatusSql})""";
        return Ticket($"""SELECT "Id" {filter} ORDER BY "Id" DESC LIMIT {limit}""", $"""SELECT * {filter} ORDER BY "Id" DESC LIMIT {limit}""", $"SELECT COUNT(*) {filter}");
    }

    /// <summary>The tickets' rows and parts: <paramref name="ids"/> selects the ids, <paramref name="cases"/> the rows.</summary>
    private static string Ticket(string ids, string cases, string? total) => $"""
        {(total is null ? "" : total + ";")}
        {cases};
        SELECT * FROM "CaseStatusChanges" WHERE "CaseId" IN ({ids});
        SELECT * FROM "CaseNotes" WHERE "CaseId" IN ({ids});
        SELECT * FROM "CaseQuestions" WHERE "CaseId" IN ({ids});
        SELECT * FROM "CasePauses" WHERE "CaseId" IN ({ids});
        SELECT i."Id", i."Reason", i."OccurredAt", i."CaseRef" FROM "Interactions" AS i JOIN "Cases" AS c
            ON i."CustomerId" = c."CustomerId" AND i."CaseRef" = c."Reference" WHERE c."Id" IN ({ids});
        """;

    /// <summary>Tickets opened over TMF621 (their references start with C-; the seeded template's and the baseline's do not).</summary>
    public static async Task<int> CountTicketsAsync(RawDb raw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        await using var connection = await raw.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "Cases" WHERE "Reference" LIKE 'C-%'""";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public static async Task<List<Guid>> TicketIdsAsync(RawDb raw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        await using var connection = await raw.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id" FROM "Cases" WHERE "Reference" LIKE 'C-%'""";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetValue(0) is Guid id ? id : Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
        }

        return ids.Count > 0 ? ids : throw new InvalidOperationException("No ticket was opened over TMF621: nothing to read back.");
    }

    /// <summary>Calls <paramref name="sql"/> back to back on one connection, @p set by <paramref name="parameter"/> (none when null).</summary>
    public async Task<LoadRun> RunAsync(
        string operation, LoadGenerator generator, string sql, Func<object>? parameter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Console.WriteLine($"{operation} raw baseline: 1 client …");
        await using var connection = await raw.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        DbParameter? value = parameter is null ? null : raw.Add(command, "@p", RawType.Id);
        return await generator.RunAsync(async _ =>
        {
            if (value is not null)
            {
                value.Value = parameter!();
            }

            _ = await RawDb.DrainAsync(command, cancellationToken);
            return true;
        }, () => true, cancellationToken);
    }
}
