using System.Data.Common;
using System.Globalization;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Cases;
using Touchpoint.Hosting;

namespace Touchpoint.Bench.Tickets;

/// <summary>
/// The raw baselines of the ticket reads: the rows TMF621 reads for the same answer (the cases, their status changes,
/// notes, questions, pauses and linked contacts; a list's total too), in two batches of statements per call (the
/// cases, then their parts by id), every column of every row read and nothing composed.
/// </summary>
internal sealed class RawTicketReads(RawDb raw)
{
    /// <summary>The open statuses as TMF621's <c>status</c> filter takes them.</summary>
    public static string OpenStatusList { get; } = string.Join(",", CaseViews.OpenStatuses.Select(s => s.ToWireName()));

    private static string OpenStatusSql => string.Join(", ", CaseViews.OpenStatuses.Select(s => RawDb.Quote(s.ToWireName())));

    /// <summary>One ticket and its parts; @p is its id.</summary>
    public static RawRead ById => new("""SELECT "Id", "CustomerId", "Reference", * FROM "Cases" WHERE "Id" = @p""", 1);

    /// <summary>A customer's tickets, newest first, a default page; @p is the customer's id.</summary>
    public static RawRead OfCustomer => new($"""
        SELECT COUNT(*) FROM "Cases" WHERE "CustomerId" = @p;
        SELECT "Id", "CustomerId", "Reference", * FROM "Cases" WHERE "CustomerId" = @p ORDER BY "Id" DESC LIMIT {Page.DefaultLimit};
        """, Page.DefaultLimit);

    /// <summary>The newest open tickets.</summary>
    public static RawRead NewestOpen(int limit)
    {
        var filter = $"""FROM "Cases" WHERE "Status" IN ({OpenStatusSql})""";
        return new($"""
            SELECT COUNT(*) {filter};
            SELECT "Id", "CustomerId", "Reference", * {filter} ORDER BY "Id" DESC LIMIT {limit};
            """, limit);
    }

    /// <summary>
    /// A read in two batches, as a program would send them: <paramref name="Head"/> (a list's total, then the cases with
    /// their id, customer and reference first), then the parts of those cases by their ids (the contacts by customer
    /// and reference, through the customer's index, as TMF621 reads them), at most <paramref name="Limit"/> cases.
    /// </summary>
    internal sealed record RawRead(string Head, int Limit)
    {
        public string Parts
        {
            get
            {
                var ids = List("i");
                return $"""
                    SELECT * FROM "CaseStatusChanges" WHERE "CaseId" IN ({ids});
                    SELECT * FROM "CaseNotes" WHERE "CaseId" IN ({ids});
                    SELECT * FROM "CaseQuestions" WHERE "CaseId" IN ({ids});
                    SELECT * FROM "CasePauses" WHERE "CaseId" IN ({ids});
                    SELECT "Id", "Reason", "OccurredAt", "CaseRef" FROM "Interactions"
                        WHERE "CustomerId" IN ({List("c")}) AND "CaseRef" IN ({List("r")});
                    """;
            }
        }

        private string List(string prefix) => string.Join(", ", Enumerable.Range(0, Limit).Select(i => $"@{prefix}{i}"));
    }

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

    /// <summary>Calls <paramref name="read"/> back to back on one connection, @p set by <paramref name="parameter"/> (none when null).</summary>
    public async Task<LoadRun> RunAsync(
        string operation, LoadGenerator generator, RawRead read, Func<object>? parameter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(read);
        Console.WriteLine($"{operation} raw baseline: 1 client …");
        await using var connection = await raw.OpenAsync(cancellationToken);
        await using var head = connection.CreateCommand();
        head.CommandText = read.Head;
        DbParameter? value = parameter is null ? null : raw.Add(head, "@p", RawType.Id);
        await using var parts = connection.CreateCommand();
        parts.CommandText = read.Parts;
        var ids = Enumerable.Range(0, read.Limit).Select(i => raw.Add(parts, $"@i{i}", RawType.Id)).ToArray();
        var customers = Enumerable.Range(0, read.Limit).Select(i => raw.Add(parts, $"@c{i}", RawType.Id)).ToArray();
        var references = Enumerable.Range(0, read.Limit).Select(i => raw.Add(parts, $"@r{i}", RawType.Text)).ToArray();
        var found = new List<(object Id, object Customer, object Reference)>(read.Limit);
        return await generator.RunAsync(async _ =>
        {
            if (value is not null)
            {
                value.Value = parameter!();
            }

            found.Clear();
            await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
            {
                do
                {
                    var values = new object[reader.FieldCount];
                    var isCases = reader.FieldCount > 1;
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        reader.GetValues(values);
                        if (isCases)
                        {
                            found.Add((values[0], values[1], values[2]));
                        }
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }

            for (var i = 0; i < ids.Length; i++)
            {
                (ids[i].Value, customers[i].Value, references[i].Value) = i < found.Count ? found[i] : (DBNull.Value, DBNull.Value, DBNull.Value);
            }

            _ = await RawDb.DrainAsync(parts, cancellationToken);
            return true;
        }, () => true, cancellationToken);
    }
}
