using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Hosting;
using Touchpoint.Features.Audit;

namespace Touchpoint.Tmf;

/// <summary>
/// What every TM Forum Open API of Touchpoint shares: JSON without null fields (the v4 schemas have no
/// <c>nullable</c>), RFC 3339 UTC timestamps, <c>fields</c> selection (id, href, @type and attributes the spec
/// requires are always kept), <c>offset</c>/<c>limit</c> paging
/// with <c>X-Total-Count</c>/<c>X-Result-Count</c>, absolute-path <c>href</c>s, and command failures
/// whose field names are translated into the TMF body's JSON paths.
/// </summary>
public static class TmfConventions
{
    public const string CustomerPath = "/tmf-api/customerManagement/v4/customer";
    public const string IndividualPath = "/tmf-api/party/v4/individual";
    public const string OrganizationPath = "/tmf-api/party/v4/organization";
    public const string PartyInteractionPath = "/tmf-api/partyInteraction/v4/partyInteraction";
    public const string ProductPath = "/tmf-api/productInventory/v4/product";

    /// <summary>TMF has no channel resource; a channel is referred to by its wire name under this path.</summary>
    public const string ChannelPath = "/tmf-api/partyInteraction/v4/channel";

    /// <summary>Where a Touchpoint user (an agent) is found.</summary>
    public const string UserPath = "/api/users";

    /// <summary>Fields that <c>fields=</c> never removes.</summary>
    private static readonly string[] AlwaysKept = ["id", "href", "@type"];

    /// <summary>Attributes a spec requires of a resource, kept by <c>fields=</c> so that a selection is still a valid resource.</summary>
    private static readonly Dictionary<Type, string[]> RequiredBySpec = new()
    {
        [typeof(TmfCustomer)] = ["engagedParty"],
        [typeof(TmfProductOrder)] = ["productOrderItem"],
        [typeof(TmfCancelProductOrder)] = ["productOrder"],
    };

    public static JsonSerializerOptions Json { get; } = CreateJson();

    /// <summary>RFC 3339 in UTC with milliseconds: <c>2026-11-22T20:19:08.123Z</c>.</summary>
    public static string Timestamp(DateTime utc) =>
        (utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A calendar date as the start of that day in UTC (TMF dates are date-times).</summary>
    public static string Timestamp(DateOnly date) => Date(date) + "T00:00:00Z";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Read-only with its resolver set from the start: <see cref="TryParseFields"/> asks it for a type's properties
    /// before anything may have been serialised with it, and options without a resolver only get one at their first use.
    /// </summary>
    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>A JSON value of a characteristic.</summary>
    public static JsonElement Value<T>(T value) => JsonSerializer.SerializeToElement(value, Json);

    /// <summary>
    /// Parses <c>fields</c> (comma-separated top-level attributes of <typeparamref name="T"/>); an attribute the
    /// resource does not have is a 400 naming <c>fields</c>. Null means every field.
    /// </summary>
    public static bool TryParseFields<T>(string? fields, out IReadOnlySet<string>? selected, out ValidationProblem? problem)
    {
        selected = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(fields))
        {
            return true;
        }

        var known = Json.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var names = fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => !known.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            problem = ProblemResults.Invalid("fields",
                $"{string.Join(", ", unknown.Select(n => $"'{n}'"))} is not an attribute of {typeof(T).Name.Replace("Tmf", "", StringComparison.Ordinal)}; " +
                $"attributes: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            return false;
        }

        selected = names.Concat(AlwaysKept).Concat(RequiredBySpec.GetValueOrDefault(typeof(T)) ?? []).ToHashSet(StringComparer.Ordinal);
        return true;
    }

    /// <summary>The resource as JSON, with only the selected attributes when <paramref name="fields"/> is given.</summary>
    public static JsonObject Shape<T>(T resource, IReadOnlySet<string>? fields)
    {
        var json = JsonSerializer.SerializeToNode(resource, Json)!.AsObject();
        if (fields is not null)
        {
            foreach (var name in json.Select(p => p.Key).Where(k => !fields.Contains(k)).ToList())
            {
                json.Remove(name);
            }
        }

        return json;
    }

    public static TmfResource<T> One<T>(T resource, IReadOnlySet<string>? fields = null) => new(Shape(resource, fields), resource);

    public static TmfCreated<T> Created<T>(string location, T resource) => new(location, Shape(resource, null), resource);

    /// <summary>A page of resources with the TMF paging headers.</summary>
    public static TmfResource<List<T>> List<T>(HttpResponse response, IReadOnlyCollection<T> items, int totalCount, IReadOnlySet<string>? fields)
    {
        Page.WriteHeaders(response, totalCount, items.Count);
        return new(new JsonArray([.. items.Select(i => (JsonNode)Shape(i, fields))]), [.. items]);
    }

    /// <summary>Checks <c>offset</c>, <c>limit</c> and <c>fields</c> of a list request together.</summary>
    public static bool TryListQuery<T>(int? offset, int? limit, string? fields, out Page page, out IReadOnlySet<string>? selected, out ValidationProblem? problem)
    {
        selected = null;
        problem = null;
        if (!Page.TryCreate(offset, limit, out page, out var pageProblem))
        {
            problem = pageProblem;
            return false;
        }

        if (!TryParseFields<T>(fields, out selected, out var fieldsProblem))
        {
            problem = fieldsProblem;
            return false;
        }

        return true;
    }

    /// <summary>A 404 as ProblemDetails.</summary>
    public static NotFoundProblem NotFound(string what, string id) => ProblemResults.NotFound($"There is no {what} with id '{id}'.");

    /// <summary>The failure of a command with the field named as in the TMF body.</summary>
    public static CommandProblem ToResult(this Failure failure, FieldMap map) =>
        failure is Failure.Invalid invalid ? new Failure.Invalid(map.Translate(invalid.Field), invalid.Message).ToResult() : failure.ToResult();
}

/// <summary>
/// Translates the field names of a Touchpoint command (<c>identities[1].value</c>) into the JSON path of the
/// TMF body they came from (<c>contactMedium[0].characteristic.phoneNumber</c>): exact names first, then the
/// longest mapped prefix (so <c>preferences.allowedMarketingChannels[2]</c> becomes <c>characteristic[4].value[2]</c>).
/// </summary>
public sealed class FieldMap
{
    private readonly Dictionary<string, string> exact = new(StringComparer.Ordinal);
    private readonly List<(string From, string To)> prefixes = [];

    public FieldMap Map(string commandField, string tmfField)
    {
        exact[commandField] = tmfField;
        return this;
    }

    public FieldMap MapPrefix(string commandPrefix, string tmfPrefix)
    {
        prefixes.Add((commandPrefix, tmfPrefix));
        return this;
    }

    public string Translate(string field)
    {
        if (exact.TryGetValue(field, out var mapped))
        {
            return mapped;
        }

        var prefix = prefixes
            .Where(p => field.StartsWith(p.From, StringComparison.Ordinal) && (field.Length == p.From.Length || field[p.From.Length] is '.' or '['))
            .OrderByDescending(p => p.From.Length)
            .Select(p => ((string From, string To)?)p)
            .FirstOrDefault();
        return prefix is { } p ? p.To + field[p.From.Length..] : field;
    }
}

// ---- shared TMF shapes (responses and requests) ----

public sealed record TmfRelatedParty : IRefersToCustomer
{
    public string? Id { get; init; }
    public string? Href { get; init; }
    public string? Name { get; init; }
    public string? Role { get; init; }

    [JsonPropertyName("@referredType")]
    public string? ReferredType { get; init; }

    [JsonPropertyName("@type")]
    public string? Type { get; init; }

    /// <summary>A party is a customer when its role or its referred type says so; agents, queues and agencies are not.</summary>
    Guid? IRefersToCustomer.ReferredCustomer =>
        (string.Equals(Role, "customer", StringComparison.OrdinalIgnoreCase) || string.Equals(ReferredType, "Customer", StringComparison.OrdinalIgnoreCase))
        && Guid.TryParse(Id, out var customer) ? customer : null;
}

public sealed record TmfCharacteristic
{
    public string? Name { get; init; }
    public string? ValueType { get; init; }
    public JsonElement? Value { get; init; }

    public static TmfCharacteristic Of(string name, string valueType, object value) =>
        new() { Name = name, ValueType = valueType, Value = TmfConventions.Value(value) };
}

public sealed record TmfMediumCharacteristic
{
    public string? ContactType { get; init; }
    public string? EmailAddress { get; init; }
    public string? PhoneNumber { get; init; }
    public string? Street1 { get; init; }
    public string? Street2 { get; init; }
    public string? PostCode { get; init; }
    public string? City { get; init; }
    public string? StateOrProvince { get; init; }
    public string? Country { get; init; }
}

public sealed record TmfContactMedium
{
    public string? MediumType { get; init; }
    public bool? Preferred { get; init; }
    public TmfMediumCharacteristic? Characteristic { get; init; }
}

public sealed record TmfTimePeriod
{
    public string? StartDateTime { get; init; }
    public string? EndDateTime { get; init; }
}

public sealed record TmfTimePeriodInput(DateTimeOffset? StartDateTime, DateTimeOffset? EndDateTime);
