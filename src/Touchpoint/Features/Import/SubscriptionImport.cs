using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Import;

/// <summary>A subscription as one NDJSON line: the CSV's fields, with the service address as the API's nested object.</summary>
internal sealed record SubscriptionJson(
    Guid? CustomerId, string? CustomerIdentityKind, string? CustomerIdentity, string? PlanCode, string? Msisdn, AddressInput? ServiceAddress,
    DateOnly? StartDate, int? BindingMonths, decimal? MonthlyPrice, string? Status, string? SoldVia, bool? WithdrawalInformationGiven,
    bool? ClearEconomicBenefit, string? Error);

/// <summary>
/// Subscriptions, checked by <see cref="SubscriptionCommands.Build"/> like the API; each gets the timeline entry the API
/// writes, dated at its start so imported history reads in order.
/// </summary>
internal sealed class SubscriptionImport(ImportContext context) : ImportHandler(context)
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        CustomerRef.IdColumn, CustomerRef.IdentityKindColumn, CustomerRef.IdentityColumn, "planCode", "msisdn",
        "serviceStreet", "servicePostalCode", "serviceCity", "serviceCountry", "startDate", "bindingMonths", "monthlyPrice", "status",
        "soldVia", "withdrawalInformationGiven", "clearEconomicBenefit",
    ];

    public static IReadOnlyList<string> RequiredColumns { get; } = ["planCode"];

    private Dictionary<string, Plan>? plans;

    public override async Task<int> WriteAsync(PreparedBatch prepared, CancellationToken cancellationToken)
    {
        var (batch, errors) = prepared;
        plans ??= await Db.Plans.AsNoTracking().ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, cancellationToken);
        var rows = new List<(int Line, CustomerRef Ref, CreateSubscriptionInput Input)>();
        foreach (var record in batch)
        {
            if (record.Malformed is not null)
            {
                errors.Add(new ImportError(record.Line, record.MalformedField, record.Malformed));
                continue;
            }

            if ((Context.Format == ImportFormat.Csv ? ParseCsv(record, errors) : ParseJson(record, errors)) is { } row)
            {
                rows.Add((record.Line, row.Ref, row.Input));
            }
        }

        var customers = await ResolveCustomersAsync(rows.Select(r => (r.Line, r.Ref)).ToList(), followMerges: false, cancellationToken);
        var built = new List<(int Line, Subscription Subscription, Plan Plan)>();
        foreach (var (line, reference, input) in rows)
        {
            var (customer, error) = customers[line];
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            if (customer!.Status == CustomerStatus.Merged)
            {
                errors.Add(new ImportError(line, reference.Id is null ? CustomerRef.IdentityColumn : CustomerRef.IdColumn,
                    $"Customer {customer.Id} was merged into {customer.MergedIntoId}."));
                continue;
            }

            if (input.PlanCode is null || !plans.TryGetValue(input.PlanCode, out var plan))
            {
                errors.Add(new ImportError(line, "planCode", input.PlanCode is null ? "planCode is required." : $"There is no plan with code '{input.PlanCode}'."));
                continue;
            }

            var outcome = SubscriptionCommands.Build(input with { CustomerId = customer.Id }, customer, plan, Context.Now, Context.Rules);
            if (outcome.Failure is { } failure)
            {
                errors.Add(new ImportError(line, failure is Failure.Invalid invalid ? CsvField(invalid.Field) : "", failure.Message));
                continue;
            }

            built.Add((line, outcome.Value!, plan));
        }

        // Numbers live in the database, or earlier in this import (same transaction), or earlier in this batch.
        var numbers = built.Select(b => b.Subscription.Msisdn).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(QueryChunk))
        {
            live.UnionWith(await Db.Subscriptions.AsNoTracking()
                .Where(s => s.Msisdn != null && chunk.Contains(s.Msisdn) && s.Status != SubscriptionStatus.Terminated)
                .Select(s => s.Msisdn!)
                .ToListAsync(cancellationToken));
        }

        var claimed = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<(Subscription Subscription, Plan Plan)>();
        foreach (var (line, subscription, plan) in built)
        {
            if (subscription.Msisdn is { } msisdn)
            {
                if (live.Contains(msisdn))
                {
                    errors.Add(new ImportError(line, "msisdn", $"The number {msisdn} is already in use on a live subscription."));
                    continue;
                }

                if (claimed.TryGetValue(msisdn, out var earlier))
                {
                    errors.Add(new ImportError(line, "msisdn", $"The number {msisdn} is already used by line {earlier} of this file."));
                    continue;
                }

                if (subscription.Status != SubscriptionStatus.Terminated)
                {
                    claimed[msisdn] = line;
                }
            }

            valid.Add((subscription, plan));
        }

        await Context.Writer.WriteSubscriptionsAsync(valid.Select(v => v.Subscription).ToList(), cancellationToken);
        await Context.Writer.WriteTimelineEntriesAsync(
            valid.Select(v => SubscriptionCommands.TimelineEntryFor(v.Subscription, v.Plan, Context.ActorName, SubscriptionCommands.StartedAt(v.Subscription, Context.Now))), cancellationToken);
        return valid.Count;
    }

    private string CsvField(string field) =>
        Context.Format == ImportFormat.Csv && field.StartsWith("serviceAddress.", StringComparison.Ordinal)
            ? "service" + char.ToUpperInvariant(field["serviceAddress.".Length]) + field[("serviceAddress.".Length + 1)..]
            : field;

    private static (CustomerRef Ref, CreateSubscriptionInput Input)? ParseJson(SourceRecord record, List<ImportError> errors)
    {
        if (ReadJson<SubscriptionJson>(record, errors) is not { } json)
        {
            return null;
        }

        var reference = CustomerRef.Create(json.CustomerId, json.CustomerIdentityKind, json.CustomerIdentity, out var field, out var error);
        if (reference is null)
        {
            errors.Add(new ImportError(record.Line, field, error));
            return null;
        }

        return (reference, new CreateSubscriptionInput(
            null, null, json.PlanCode?.Trim(), json.Msisdn, json.ServiceAddress, json.MonthlyPrice, json.StartDate, json.BindingMonths, json.Status,
            json.SoldVia, json.WithdrawalInformationGiven, json.ClearEconomicBenefit));
    }

    private (CustomerRef Ref, CreateSubscriptionInput Input)? ParseCsv(SourceRecord record, List<ImportError> errors)
    {
        var columns = Context.Columns!;
        var fields = record.Fields!;
        var reference = CustomerRef.FromCsv(columns, record, errors);
        if (reference is null)
        {
            return null;
        }

        string error;

        if (!columns.TryDate(fields, "startDate", out var startDate, out error))
        {
            errors.Add(new ImportError(record.Line, "startDate", error));
            return null;
        }

        if (!columns.TryInt(fields, "bindingMonths", out var bindingMonths, out error))
        {
            errors.Add(new ImportError(record.Line, "bindingMonths", error));
            return null;
        }

        if (!columns.TryDecimal(fields, "monthlyPrice", out var monthlyPrice, out error))
        {
            errors.Add(new ImportError(record.Line, "monthlyPrice", error));
            return null;
        }

        if (!columns.TryBool(fields, "withdrawalInformationGiven", out var informed, out error))
        {
            errors.Add(new ImportError(record.Line, "withdrawalInformationGiven", error));
            return null;
        }

        if (!columns.TryBool(fields, "clearEconomicBenefit", out var benefit, out error))
        {
            errors.Add(new ImportError(record.Line, "clearEconomicBenefit", error));
            return null;
        }

        var street = columns.Text(fields, "serviceStreet");
        var postalCode = columns.Text(fields, "servicePostalCode");
        var city = columns.Text(fields, "serviceCity");
        var country = columns.Text(fields, "serviceCountry");
        var address = street is null && postalCode is null && city is null && country is null ? null : new AddressInput(street, postalCode, city, country);
        return (reference, new CreateSubscriptionInput(
            null, null, columns.Text(fields, "planCode"), columns.Text(fields, "msisdn"), address, monthlyPrice, startDate, bindingMonths,
            columns.Text(fields, "status"), columns.Text(fields, "soldVia"), informed, benefit));
    }
}
