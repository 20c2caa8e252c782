using Microsoft.EntityFrameworkCore;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Interactions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Import;

/// <summary>An interaction as one NDJSON line, with the same field names as the CSV columns.</summary>
internal sealed record InteractionJson(
    Guid? CustomerId, string? CustomerIdentityKind, string? CustomerIdentity, DateTime? OccurredAt, string? Channel, string? Direction,
    string? PartnerAgency, string? AgentName, int? DurationSeconds, string? Reason, string? Summary, string? Error);

/// <summary>
/// Contacts with customers, checked by <see cref="InteractionCommands.ValidateFields"/> like the API. A partner agency is
/// named and must exist; its name is stored on the interaction and its timeline entry (S0-1).
/// </summary>
internal sealed class InteractionImport(ImportContext context) : ImportHandler(context)
{
    /// <summary>Who acted when the row names no agent.</summary>
    public const string DefaultAgentName = "import";

    public const int MaxAgentNameLength = 200;

    public static IReadOnlyList<string> Columns { get; } =
    [
        CustomerRef.IdColumn, CustomerRef.IdentityKindColumn, CustomerRef.IdentityColumn, "occurredAt", "channel", "direction",
        "partnerAgency", "agentName", "durationSeconds", "reason", "summary",
    ];

    public static IReadOnlyList<string> RequiredColumns { get; } = ["channel", "direction", "reason"];

    private Dictionary<string, PartnerAgency> agencies = [];

    public override async Task StartAsync(CancellationToken cancellationToken) =>
        agencies = await Db.PartnerAgencies.AsNoTracking().ToDictionaryAsync(a => a.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);

    public override PreparedBatch Prepare(IReadOnlyList<SourceRecord> batch)
    {
        var prepared = new ParsedInteractions(batch);
        var errors = prepared.Errors;
        foreach (var record in batch)
        {
            if (record.Malformed is not null)
            {
                errors.Add(new ImportError(record.Line, record.MalformedField, record.Malformed));
                continue;
            }

            if ((Context.Format == ImportFormat.Csv ? ParseCsv(record, errors) : ParseJson(record, errors)) is not { } parsed)
            {
                continue;
            }

            if (Build(record.Line, parsed.Input, parsed.Agency, parsed.AgentName, errors) is { } interaction)
            {
                prepared.Rows.Add((record.Line, parsed.Ref, interaction));
            }
        }

        return prepared;
    }

    public override async Task<int> WriteAsync(PreparedBatch batch, CancellationToken cancellationToken)
    {
        var prepared = (ParsedInteractions)batch;
        var rows = prepared.Rows;
        var errors = prepared.Errors;
        var customers = await ResolveCustomersAsync(rows.Select(r => (r.Line, r.Ref)).ToList(), followMerges: true, cancellationToken);
        var valid = new List<Interaction>(rows.Count);
        foreach (var (line, _, interaction) in rows)
        {
            var (customer, error) = customers[line];
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            interaction.CustomerId = customer!.Id;
            valid.Add(interaction);
        }

        await Context.Writer.WriteInteractionsAsync(valid, cancellationToken);
        return valid.Count;
    }

    /// <summary>Rows that passed every check that needs no database; their customers are resolved when written.</summary>
    private sealed class ParsedInteractions(IReadOnlyList<SourceRecord> records) : PreparedBatch(records)
    {
        public List<(int Line, CustomerRef Ref, Interaction Interaction)> Rows { get; } = new(records.Count);
    }

    private Interaction? Build(int line, RecordInteractionInput input, string? agencyName, string? agentName, List<ImportError> errors)
    {
        var validated = InteractionCommands.ValidateFields(input, Context.Now);
        if (validated.Failure is { } failure)
        {
            errors.Add(new ImportError(line, failure is Failure.Invalid invalid ? invalid.Field : "", failure.Message));
            return null;
        }

        PartnerAgency? agency = null;
        if (!string.IsNullOrWhiteSpace(agencyName) && !agencies.TryGetValue(agencyName.Trim(), out agency))
        {
            errors.Add(new ImportError(line, "partnerAgency", $"There is no partner agency named '{agencyName.Trim()}'."));
            return null;
        }

        var agent = string.IsNullOrWhiteSpace(agentName) ? DefaultAgentName : agentName.Trim();
        if (agent.Length > MaxAgentNameLength)
        {
            errors.Add(new ImportError(line, "agentName", $"agentName is at most {MaxAgentNameLength} characters."));
            return null;
        }

        var fields = validated.Value!;
        return new Interaction
        {
            OccurredAt = fields.OccurredAt,
            Channel = fields.Channel,
            Direction = fields.Direction,
            PartnerAgencyId = agency?.Id,
            PartnerAgencyName = agency?.Name,
            AgentName = agent,
            DurationSeconds = fields.DurationSeconds,
            Reason = fields.Reason,
            Summary = fields.Summary,
            RecordedAt = Context.Now,
        };
    }

    private static (CustomerRef Ref, RecordInteractionInput Input, string? Agency, string? AgentName)? ParseJson(SourceRecord record, List<ImportError> errors)
    {
        if (ReadJson<InteractionJson>(record, errors) is not { } json)
        {
            return null;
        }

        var reference = CustomerRef.Create(json.CustomerId, json.CustomerIdentityKind, json.CustomerIdentity, out var field, out var error);
        if (reference is null)
        {
            errors.Add(new ImportError(record.Line, field, error));
            return null;
        }

        return (reference, Input(json.Channel, json.Direction, json.OccurredAt, json.DurationSeconds, json.Reason, json.Summary), json.PartnerAgency, json.AgentName);
    }

    private (CustomerRef Ref, RecordInteractionInput Input, string? Agency, string? AgentName)? ParseCsv(SourceRecord record, List<ImportError> errors)
    {
        var columns = Context.Columns!;
        var fields = record.Fields!;
        var reference = CustomerRef.FromCsv(columns, record, errors);
        if (reference is null)
        {
            return null;
        }

        string error;

        if (!columns.TryTimestamp(fields, "occurredAt", out var occurredAt, out error))
        {
            errors.Add(new ImportError(record.Line, "occurredAt", error));
            return null;
        }

        if (!columns.TryInt(fields, "durationSeconds", out var duration, out error))
        {
            errors.Add(new ImportError(record.Line, "durationSeconds", error));
            return null;
        }

        var input = Input(columns.Text(fields, "channel"), columns.Text(fields, "direction"), occurredAt, duration,
            columns.Text(fields, "reason"), columns.RawText(fields, "summary"));
        return (reference, input, columns.Text(fields, "partnerAgency"), columns.Text(fields, "agentName"));
    }

    private static RecordInteractionInput Input(string? channel, string? direction, DateTime? occurredAt, int? duration, string? reason, string? summary) =>
        new(null, channel, direction, occurredAt, duration, reason, summary, null, null, null, null, null, null);
}
