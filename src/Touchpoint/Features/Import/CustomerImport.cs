using Microsoft.EntityFrameworkCore;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Import;

/// <summary>A customer as one NDJSON line: the API's <see cref="CreateCustomerInput"/> plus an optional id.</summary>
internal sealed record CustomerJson(
    Guid? Id, string? Kind, string? Name, string? Jurisdiction, AddressInput? ServiceAddress, AddressInput? BillingAddress,
    IReadOnlyList<IdentityInput>? Identities, PreferencesInput? Preferences, string? Error)
{
    public CreateCustomerInput ToInput() => new(Kind, Name, Jurisdiction, ServiceAddress, BillingAddress, Identities, Preferences);
}

/// <summary>
/// Customers with their identities, validated by <see cref="CustomerValidation.ValidateNew"/>. An identity owned by a
/// customer in the database, or claimed by an earlier row of the file, makes the row bad.
/// </summary>
internal sealed class CustomerImport(ImportContext context) : ImportHandler(context)
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "kind", "name", "jurisdiction", "nationalId", "msisdn", "email", "legacyIds",
        "serviceStreet", "servicePostalCode", "serviceCity", "serviceCountry",
        "billingStreet", "billingPostalCode", "billingCity", "billingCountry",
        "allowedMarketingChannels", "telemarketingOptOut", "marketingObjection", "neverOfferBinding", "preferredLanguage",
    ];

    public static IReadOnlyList<string> RequiredColumns { get; } = ["name", "jurisdiction"];

    private static readonly (string Column, string Kind)[] IdentityColumns =
        [("nationalId", "nationalId"), ("msisdn", "msisdn"), ("email", "email"), ("legacyIds", "legacyId")];

    // Customers written by this import and the line each came from, to name the line an identity clashes with.
    // 16-byte keys: some hundred MB for tens of millions of customers, never the file itself.
    private readonly Dictionary<Guid, int> importedOn = [];

    public override async Task<int> WriteAsync(PreparedBatch prepared, CancellationToken cancellationToken)
    {
        var (batch, errors) = prepared;
        var candidates = new List<(int Line, Customer Customer, bool ExplicitId, Func<string, string> Field)>();
        foreach (var record in batch)
        {
            if (record.Malformed is not null)
            {
                errors.Add(new ImportError(record.Line, record.MalformedField, record.Malformed));
                continue;
            }

            var parsed = Context.Format == ImportFormat.Csv ? ParseCsv(record, errors) : ParseJson(record, errors);
            if (parsed is not { } row)
            {
                continue;
            }

            var validated = CustomerValidation.ValidateNew(row.Input, Context.Today);
            if (validated.Failure is { } failure)
            {
                var field = failure is Failure.Invalid invalid ? row.Field(invalid.Field) : "";
                errors.Add(new ImportError(record.Line, field, failure.Message));
                continue;
            }

            var customer = validated.Value!;
            if (row.Id is { } id)
            {
                customer.Id = id;
            }

            candidates.Add((record.Line, customer, row.Id is not null, row.Field));
        }

        var explicitIds = candidates.Where(c => c.ExplicitId).Select(c => c.Customer.Id).ToList();
        var existingIds = new HashSet<Guid>();
        foreach (var chunk in explicitIds.Chunk(QueryChunk))
        {
            existingIds.UnionWith(await Db.Customers.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken));
        }

        // Rows written earlier in this import are inside the same transaction, so this sees them too.
        var owners = new Dictionary<(string Kind, string Value), Guid>();
        var values = candidates.SelectMany(c => c.Customer.Identities).Select(i => i.Value).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in values.Chunk(QueryChunk))
        {
            var found = await Db.CustomerIdentities.AsNoTracking()
                .Where(i => chunk.Contains(i.Value))
                .Select(i => new { i.Kind, i.Value, i.CustomerId })
                .ToListAsync(cancellationToken);
            foreach (var owner in found)
            {
                owners[(owner.Kind, owner.Value)] = owner.CustomerId;
            }
        }

        var claimedInBatch = new Dictionary<(string Kind, string Value), int>();
        var idsInBatch = new Dictionary<Guid, int>();
        var valid = new List<(int Line, Customer Customer)>();
        foreach (var (line, customer, explicitId, field) in candidates)
        {
            if (explicitId)
            {
                var earlier = importedOn.TryGetValue(customer.Id, out var l) ? l : idsInBatch.TryGetValue(customer.Id, out l) ? l : (int?)null;
                if (earlier is not null || existingIds.Contains(customer.Id))
                {
                    errors.Add(new ImportError(line, field("id"), earlier is { } on
                        ? $"The id {customer.Id} is already used by line {on} of this file."
                        : $"There is already a customer with id '{customer.Id}'."));
                    continue;
                }
            }

            var conflict = FindConflict(line, customer, field, owners, claimedInBatch);
            if (conflict is not null)
            {
                errors.Add(conflict);
                continue;
            }

            foreach (var identity in customer.Identities)
            {
                claimedInBatch[(identity.Kind, identity.Value)] = line;
            }

            idsInBatch[customer.Id] = line;
            valid.Add((line, customer));
        }

        foreach (var (_, customer) in valid)
        {
            customer.CreatedAt = Context.Now;
            customer.UpdatedAt = Context.Now;
            customer.PrivacyReviewAt = Context.Now;
            customer.MarketingObjectionAt = customer.MarketingObjection ? Context.Now : null;
            foreach (var identity in customer.Identities)
            {
                identity.AddedAt = Context.Now;
            }
        }

        await Context.Writer.WriteCustomersAsync(valid.Select(v => v.Customer).ToList(), cancellationToken);
        foreach (var (line, customer) in valid)
        {
            importedOn[customer.Id] = line;
        }

        return valid.Count;
    }

    private ImportError? FindConflict(
        int line, Customer customer, Func<string, string> field,
        Dictionary<(string Kind, string Value), Guid> owners, Dictionary<(string Kind, string Value), int> claimedInBatch)
    {
        for (var index = 0; index < customer.Identities.Count; index++)
        {
            var identity = customer.Identities[index];
            var key = (identity.Kind, identity.Value);
            var name = field($"identities[{index}].value");
            if (owners.TryGetValue(key, out var owner))
            {
                return new ImportError(line, name, importedOn.TryGetValue(owner, out var on)
                    ? $"The {identity.Kind} {identity.Value} is already claimed by line {on} of this file."
                    : $"The {identity.Kind} {identity.Value} already belongs to customer {owner}.");
            }

            if (claimedInBatch.TryGetValue(key, out var earlier))
            {
                return new ImportError(line, name, $"The {identity.Kind} {identity.Value} is already claimed by line {earlier} of this file.");
            }
        }

        return null;
    }

    private static (Guid? Id, CreateCustomerInput Input, Func<string, string> Field)? ParseJson(SourceRecord record, List<ImportError> errors) =>
        ReadJson<CustomerJson>(record, errors) is { } json ? (json.Id, json.ToInput(), static field => field) : null;

    private (Guid? Id, CreateCustomerInput Input, Func<string, string> Field)? ParseCsv(SourceRecord record, List<ImportError> errors)
    {
        var columns = Context.Columns!;
        var fields = record.Fields!;
        if (!columns.TryGuid(fields, "id", out var id, out var idError))
        {
            errors.Add(new ImportError(record.Line, "id", idError));
            return null;
        }

        // Which column (and which item of a semicolon list) each identity came from, to name it in errors.
        var identities = new List<IdentityInput>();
        var sources = new List<string>();
        foreach (var (column, kind) in IdentityColumns)
        {
            var items = columns.List(fields, column);
            for (var i = 0; i < items.Count; i++)
            {
                identities.Add(new IdentityInput(kind, items[i]));
                sources.Add(items.Count == 1 ? column : $"{column}[{i}]");
            }
        }

        var booleans = new Dictionary<string, bool?>();
        foreach (var column in (string[])["telemarketingOptOut", "marketingObjection", "neverOfferBinding"])
        {
            if (!columns.TryBool(fields, column, out var value, out var error))
            {
                errors.Add(new ImportError(record.Line, column, error));
                return null;
            }

            booleans[column] = value;
        }

        var channels = columns.Has("allowedMarketingChannels") && columns.Text(fields, "allowedMarketingChannels") is not null
            ? columns.List(fields, "allowedMarketingChannels")
            : null;
        var language = columns.Text(fields, "preferredLanguage");
        var preferences = channels is null && language is null && booleans.Values.All(b => b is null)
            ? null
            : new PreferencesInput(channels, booleans["telemarketingOptOut"], booleans["marketingObjection"], booleans["neverOfferBinding"], language);

        var input = new CreateCustomerInput(
            columns.Text(fields, "kind"),
            columns.RawText(fields, "name"),
            columns.Text(fields, "jurisdiction"),
            Address(columns, fields, "service"),
            Address(columns, fields, "billing"),
            identities,
            preferences);
        return (id, input, field => CsvField(field, sources));
    }

    private static AddressInput? Address(CsvColumns columns, string[] fields, string prefix)
    {
        var street = columns.Text(fields, prefix + "Street");
        var postalCode = columns.Text(fields, prefix + "PostalCode");
        var city = columns.Text(fields, prefix + "City");
        var country = columns.Text(fields, prefix + "Country");
        return street is null && postalCode is null && city is null && country is null ? null : new AddressInput(street, postalCode, city, country);
    }

    /// <summary>The API's JSON path of a field (identities[1].value, serviceAddress.city) as the CSV column it came from.</summary>
    private static string CsvField(string field, List<string> identitySources)
    {
        if (field.StartsWith("identities[", StringComparison.Ordinal)
            && int.TryParse(field.AsSpan(11, field.IndexOf(']', StringComparison.Ordinal) - 11), out var index)
            && index < identitySources.Count)
        {
            return identitySources[index];
        }

        foreach (var (path, prefix) in (ReadOnlySpan<(string, string)>)[("serviceAddress.", "service"), ("billingAddress.", "billing")])
        {
            if (field.StartsWith(path, StringComparison.Ordinal))
            {
                var name = field[path.Length..];
                return prefix + char.ToUpperInvariant(name[0]) + name[1..];
            }
        }

        if (field.StartsWith("preferences.", StringComparison.Ordinal))
        {
            var name = field["preferences.".Length..];
            var bracket = name.IndexOf('[', StringComparison.Ordinal);
            return bracket < 0 ? name : name[..bracket];
        }

        return field;
    }
}
