using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Data.Bulk;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Import;

/// <summary>What every kind of import shares while it runs: the database, the writer, one clock reading and who is importing.</summary>
internal sealed record ImportContext(
    TouchpointDbContext Db, BulkWriter Writer, DateTime Now, string ActorName, ImportFormat Format, CsvColumns? Columns, ContractRuleBook Rules)
{
    public DateOnly Today => DateOnly.FromDateTime(Now);
}

/// <summary>A batch of records and the errors found in them so far; a handler that prepares rows ahead keeps them in a subclass.</summary>
internal class PreparedBatch(IReadOnlyList<SourceRecord> records)
{
    public IReadOnlyList<SourceRecord> Records { get; } = records;

    public List<ImportError> Errors { get; } = [];

    public void Deconstruct(out IReadOnlyList<SourceRecord> records, out List<ImportError> errors) => (records, errors) = (Records, Errors);
}

/// <summary>Turns a batch of records into rows: parses, validates as the API does, checks against the database, writes the valid ones.</summary>
internal abstract class ImportHandler(ImportContext context)
{
    // Keeps IN (...) lists well below every provider's parameter limit.
    protected const int QueryChunk = 500;

    protected ImportContext Context { get; } = context;

    protected TouchpointDbContext Db => Context.Db;

    /// <summary>Reads what every batch needs from the database (a lookup table, say) once, before the first batch is prepared.</summary>
    public virtual Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The part of a batch's work that needs no database — parsing, validation by the API's rules, building rows. The
    /// importer runs it one batch ahead on another thread while the previous batch is written, so it must not touch
    /// <see cref="Db"/>. By default nothing is done ahead.
    /// </summary>
    public virtual PreparedBatch Prepare(IReadOnlyList<SourceRecord> batch) => new(batch);

    /// <summary>
    /// Writes the valid records of a prepared batch, on the import's connection; adds one error per bad record to
    /// <see cref="PreparedBatch.Errors"/>; returns the rows written.
    /// </summary>
    public abstract Task<int> WriteAsync(PreparedBatch batch, CancellationToken cancellationToken);

    internal static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowTrailingCommas = false,
        };
        // An escaped control character ("\u0000") is refused as the API refuses it.
        WrittenTextJson.Register(options);
        return options;
    }

    /// <summary>Deserializes one NDJSON line, or says which field is wrong.</summary>
    protected static T? ReadJson<T>(SourceRecord record, List<ImportError> errors) where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(record.Raw, Json);
            if (value is null)
            {
                errors.Add(new ImportError(record.Line, "", "The line is not a JSON object."));
            }

            return value;
        }
        catch (JsonException e)
        {
            errors.Add(DescribeJsonError(record.Line, e));
            return null;
        }
    }

    private static ImportError DescribeJsonError(int line, JsonException e)
    {
        var path = e.Path is null or "$" ? "" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');
        if (e is WrittenTextJson.RefusedTextException)
        {
            return new ImportError(line, path, e.Message);
        }

        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            // "The JSON property 'foo' could not be mapped to any .NET member contained in type …"
            var start = e.Message.IndexOf('\'', StringComparison.Ordinal);
            var end = start < 0 ? -1 : e.Message.IndexOf('\'', start + 1);
            var name = end > start ? e.Message[(start + 1)..end] : "?";
            // The path already ends with the unknown property.
            return new ImportError(line, path.Length == 0 ? name : path, $"'{name}' is not a known field.");
        }

        if (e.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return new ImportError(line, path, "The value has the wrong type or format.");
        }

        var reason = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
        return new ImportError(line, "", $"Malformed JSON: {reason}");
    }

    /// <summary>Resolves customer references of a batch: an id, or an identity of the customer, each to one customer row.</summary>
    protected async Task<Dictionary<int, (Customer? Customer, ImportError? Error)>> ResolveCustomersAsync(
        IReadOnlyList<(int Line, CustomerRef Ref)> references, bool followMerges, CancellationToken cancellationToken)
    {
        var results = new Dictionary<int, (Customer?, ImportError?)>();
        var byLine = references.ToDictionary(r => r.Line, r => r.Ref);
        var wantedIds = new Dictionary<int, Guid>();
        var identityCandidates = new Dictionary<int, (string Kind, string Shown, HashSet<string> Values)>();
        foreach (var (line, reference) in references)
        {
            if (reference.Id is { } id)
            {
                wantedIds[line] = id;
                continue;
            }

            if (!IdentityKinds.TryParse(reference.IdentityKind, out var kind, out var kindError))
            {
                results[line] = (null, new ImportError(line, CustomerRef.IdentityKindColumn, kindError));
                continue;
            }

            var values = new HashSet<string>(StringComparer.Ordinal);
            foreach (var jurisdiction in Enum.GetValues<Jurisdiction>())
            {
                if (IdentityNormalizer.TryNormalize(kind, reference.IdentityValue, jurisdiction, Context.Today, out var value, out _))
                {
                    values.Add(value);
                }
            }

            if (values.Count == 0)
            {
                results[line] = (null, new ImportError(line, CustomerRef.IdentityColumn,
                    $"'{reference.IdentityValue}' is not a valid {kind.ToWireName()} in any of {string.Join(", ", Jurisdictions.WireNames)}."));
                continue;
            }

            identityCandidates[line] = (kind.ToWireName(), reference.IdentityValue!.Trim(), values);
        }

        var owners = new Dictionary<(string Kind, string Value), List<Guid>>();
        var allValues = identityCandidates.Values.SelectMany(c => c.Values).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in allValues.Chunk(QueryChunk))
        {
            var found = await Db.CustomerIdentities.AsNoTracking()
                .Where(i => chunk.Contains(i.Value))
                .Select(i => new { i.Kind, i.Value, i.CustomerId })
                .ToListAsync(cancellationToken);
            foreach (var owner in found)
            {
                var key = (owner.Kind, owner.Value);
                if (!owners.TryGetValue(key, out var list))
                {
                    owners[key] = list = [];
                }

                list.Add(owner.CustomerId);
            }
        }

        foreach (var (line, (kind, shown, values)) in identityCandidates)
        {
            var matches = values.SelectMany(v => owners.GetValueOrDefault((kind, v)) ?? []).Distinct().ToList();
            var reference = byLine[line];
            if (matches.Count == 1)
            {
                wantedIds[line] = matches[0];
            }
            else
            {
                results[line] = (null, new ImportError(line, CustomerRef.IdentityColumn, matches.Count == 0
                    ? $"No customer has the {kind} '{shown}'."
                    : $"The {kind} '{shown}' matches {matches.Count} customers; refer to the customer by customerId."));
            }
        }

        var customers = await LoadCustomersAsync(wantedIds.Values.Distinct().ToList(), cancellationToken);
        if (followMerges)
        {
            // A record merged into another resolves to the survivor, as the API does.
            for (var hops = 0; hops < 10; hops++)
            {
                var missing = customers.Values
                    .Where(c => c is { Status: CustomerStatus.Merged, MergedIntoId: { } next } && !customers.ContainsKey(next))
                    .Select(c => c.MergedIntoId!.Value).Distinct().ToList();
                if (missing.Count == 0)
                {
                    break;
                }

                foreach (var (id, customer) in await LoadCustomersAsync(missing, cancellationToken))
                {
                    customers[id] = customer;
                }
            }
        }

        foreach (var (line, id) in wantedIds)
        {
            var customer = customers.GetValueOrDefault(id);
            for (var hops = 0; followMerges && customer is { Status: CustomerStatus.Merged, MergedIntoId: { } next } && hops < 10; hops++)
            {
                customer = customers.GetValueOrDefault(next);
            }

            var reference = byLine[line];
            results[line] = customer is null
                ? (null, new ImportError(line, CustomerRef.IdColumn, $"There is no customer with id '{id}'."))
                : (customer, null);
        }

        return results;
    }

    private async Task<Dictionary<Guid, Customer>> LoadCustomersAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var customers = new Dictionary<Guid, Customer>();
        foreach (var chunk in ids.Chunk(QueryChunk))
        {
            foreach (var customer in await Db.Customers.AsNoTracking().Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                customers[customer.Id] = customer;
            }
        }

        return customers;
    }
}

/// <summary>How a row names its customer: by id, or by one of the customer's identities.</summary>
internal sealed record CustomerRef(Guid? Id, string? IdentityKind, string? IdentityValue)
{
    public const string IdColumn = "customerId";
    public const string IdentityKindColumn = "customerIdentityKind";
    public const string IdentityColumn = "customerIdentity";

    /// <summary>The customer columns of a CSV row; a problem is added to <paramref name="errors"/> with the row's line.</summary>
    public static CustomerRef? FromCsv(CsvColumns columns, SourceRecord record, List<ImportError> errors)
    {
        var fields = record.Fields!;
        if (!columns.TryGuid(fields, IdColumn, out var customerId, out var error))
        {
            errors.Add(new ImportError(record.Line, IdColumn, error));
            return null;
        }

        var reference = Create(customerId, columns.Text(fields, IdentityKindColumn), columns.Text(fields, IdentityColumn), out var field, out error);
        if (reference is null)
        {
            errors.Add(new ImportError(record.Line, field, error));
        }

        return reference;
    }

    /// <summary>Exactly one way must be given; the error names the field to fix.</summary>
    public static CustomerRef? Create(Guid? id, string? kind, string? value, out string field, out string error)
    {
        field = "";
        error = "";
        var hasIdentity = !string.IsNullOrWhiteSpace(kind) || !string.IsNullOrWhiteSpace(value);
        if (id is not null && hasIdentity)
        {
            field = IdColumn;
            error = $"Give either {IdColumn} or {IdentityKindColumn} and {IdentityColumn}, not both.";
            return null;
        }

        if (id is not null)
        {
            return new CustomerRef(id, null, null);
        }

        if (string.IsNullOrWhiteSpace(kind) || string.IsNullOrWhiteSpace(value))
        {
            field = string.IsNullOrWhiteSpace(kind) && string.IsNullOrWhiteSpace(value) ? IdColumn
                : string.IsNullOrWhiteSpace(kind) ? IdentityKindColumn : IdentityColumn;
            error = $"The customer is required: give {IdColumn}, or {IdentityKindColumn} ({string.Join(", ", IdentityKinds.WireNames)}) and {IdentityColumn}.";
            return null;
        }

        return new CustomerRef(null, kind.Trim(), value.Trim());
    }
}
