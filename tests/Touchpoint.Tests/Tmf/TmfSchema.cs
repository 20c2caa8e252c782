using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

namespace Touchpoint.Tests.Tmf;

/// <summary>
/// Validates JSON against one definition of a TM Forum Open API v4 Swagger 2.0 document in shared/tmf, e.g.
/// <c>TmfSchema.For("TMF629-Customer", "Customer").AssertValid(json)</c>.
/// </summary>
/// <remarks>
/// The Swagger file's <c>definitions</c> are loaded as one JSON Schema (draft 4) document, so <c>$ref</c>s between
/// definitions resolve. As in the specs, properties not named by a definition are allowed (Touchpoint's
/// extension fields in its own <c>@type</c> subtypes), <c>null</c> is not a valid value of a typed property
/// (Swagger 2.0 has no <c>nullable</c>: omit absent fields), <c>date-time</c> must be RFC 3339 (as the specs
/// say: a date and a time with seconds and an offset or Z), <c>uri</c> is checked leniently (relative URIs pass)
/// and formats NJsonSchema does not know (<c>float</c>) are ignored.
/// </remarks>
public sealed partial class TmfSchema
{
    private const int MaxJsonInMessage = 6000;

    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Documents = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string File, string Definition), TmfSchema> Validators = new();

    private static readonly JsonSchemaValidator Validator = CreateValidator();

    private readonly JsonSchema _schema;

    private TmfSchema(string file, string definition, JsonSchema schema)
    {
        Api = TmfSpecs.ApiOf(file);
        File = file;
        Definition = definition;
        _schema = schema;
    }

    /// <summary>The API, named after its file, e.g. <c>TMF629-Customer</c>.</summary>
    public string Api { get; }

    /// <summary>The absolute path of the Swagger document.</summary>
    public string File { get; }

    /// <summary>The definition validated against, e.g. <c>Customer</c>.</summary>
    public string Definition { get; }

    /// <summary>
    /// The validator of <paramref name="definition"/> (case-sensitive, as under <c>definitions</c>) in the spec of
    /// <paramref name="api"/> (<c>TMF629-Customer</c>, or just <c>TMF629</c>). Cached per (file, definition).
    /// </summary>
    public static TmfSchema For(string api, string definition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(definition);
        var file = TmfSpecs.FileOf(api);
        return Validators.GetOrAdd((file, definition), key =>
        {
            var document = Load(key.File);
            if (!document.Definitions.TryGetValue(key.Definition, out var schema))
            {
                throw new ArgumentException(
                    $"{Path.GetFileName(key.File)} has no definition '{key.Definition}'. " +
                    $"It has: {string.Join(", ", document.Definitions.Keys.Order(StringComparer.Ordinal))}.",
                    nameof(definition));
            }

            return new TmfSchema(key.File, key.Definition, schema);
        });
    }

    /// <summary>The names of every definition in the spec of <paramref name="api"/>.</summary>
    public static IReadOnlyList<string> DefinitionsOf(string api) =>
        [.. Load(TmfSpecs.FileOf(api)).Definitions.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Every way <paramref name="json"/> breaks the definition, as <c>path: kind</c>; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(string json) =>
        [.. Check(json, array: false).Select(e => e.Text)];

    /// <summary>Like <see cref="Validate"/> for a JSON array each of whose elements must match the definition.</summary>
    public IReadOnlyList<string> ValidateArray(string json) =>
        [.. Check(json, array: true).Select(e => e.Text)];

    /// <summary>Fails the test, listing every error with the JSON lines they point at, unless <paramref name="json"/> is valid.</summary>
    public void AssertValid(string json) => Assert(json, array: false);

    /// <summary>Fails the test unless <paramref name="json"/> is an array whose every element is valid.</summary>
    public void AssertValidArray(string json) => Assert(json, array: true);

    public override string ToString() => $"{Path.GetFileName(File)}#/definitions/{Definition}";

    private void Assert(string json, bool array)
    {
        var errors = Check(json, array);
        if (errors.Count == 0)
        {
            return;
        }

        var pretty = Pretty(json);
        var lines = pretty?.Split('\n') ?? [];
        var message = new System.Text.StringBuilder()
            .Append(array ? "JSON array does not match " : "JSON does not match ")
            .Append(this)
            .Append(array ? " (every element)" : "")
            .Append(": ")
            .Append(errors.Count)
            .AppendLine(errors.Count == 1 ? " error" : " errors");
        foreach (var error in errors)
        {
            message.Append("  - ").Append(error.Text);
            if (error.Line is int line && line >= 1 && line <= lines.Length)
            {
                message.Append("    [line ").Append(line).Append(": ").Append(lines[line - 1].Trim()).Append(']');
            }

            message.AppendLine();
        }

        var shown = pretty ?? json;
        message.AppendLine("JSON:").Append(shown.Length <= MaxJsonInMessage
            ? shown
            : shown[..MaxJsonInMessage] + $"\n… ({shown.Length - MaxJsonInMessage} more characters)");
        Xunit.Assert.Fail(message.ToString());
    }

    private sealed record Error(string Text, int? Line);

    private List<Error> Check(string json, bool array)
    {
        ArgumentNullException.ThrowIfNull(json);
        var pretty = Pretty(json);
        if (pretty is null)
        {
            return [new Error($"$: InvalidJson ({ParseError(json)})", null)];
        }

        // Validate the indented text so that line numbers point into what AssertValid prints.
        var token = Parse(pretty);
        if (!array)
        {
            return [.. Flatten(Validator.Validate(token, _schema), "$")];
        }

        if (token is not JArray items)
        {
            return [new Error($"$: ArrayExpected (got {token.Type})", 1)];
        }

        // NJsonSchema's paths are those of the tokens in the whole document, so an item's errors start with [i].
        return [.. items.SelectMany(item => Flatten(Validator.Validate(item, _schema), "$"))];
    }

    private static IEnumerable<Error> Flatten(IEnumerable<ValidationError> errors, string root)
    {
        foreach (var error in errors)
        {
            var nested = error switch
            {
                ChildSchemaValidationError child => child.Errors.Values.SelectMany(e => e).ToList(),
                MultiTypeValidationError multi => multi.Errors.Values.SelectMany(e => e).ToList(),
                _ => [],
            };
            // An invalid array item only wraps the item's own errors, whose paths already name the item.
            var wrapperOnly = error.Kind == ValidationErrorKind.ArrayItemNotValid && nested.Count > 0;
            if (!wrapperOnly)
            {
                var line = error.HasLineInfo ? error.LineNumber : (int?)null;
                yield return new Error($"{JsonPath(root, error.Path)}: {error.Kind}", line);
            }

            foreach (var inner in Flatten(nested, root))
            {
                yield return wrapperOnly ? inner : inner with { Text = "  " + inner.Text };
            }
        }
    }

    /// <summary>NJsonSchema's <c>#/a.b[0].c</c> relative to <paramref name="root"/>, as <c>root.a.b[0].c</c>.</summary>
    private static string JsonPath(string root, string? path)
    {
        var relative = (path ?? "").TrimStart('#').TrimStart('/');
        return relative.Length == 0 ? root
            : relative.StartsWith('[') ? root + relative
            : root + "." + relative;
    }

    private static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            // Keep date-time strings as strings so that the "date-time" format is checked on the text sent.
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
        };
        var token = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
        if (reader.Read())
        {
            throw new JsonReaderException($"Additional text after the JSON value at line {reader.LineNumber}.");
        }

        return token;
    }

    private static string? Pretty(string json)
    {
        try
        {
            return Parse(json).ToString(Formatting.Indented).Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (JsonReaderException)
        {
            return null;
        }
    }

    private static string ParseError(string json)
    {
        try
        {
            Parse(json);
            return "unparsable";
        }
        catch (JsonReaderException e)
        {
            return e.Message;
        }
    }

    /// <summary>NJsonSchema's validators, but with an RFC 3339 date-time check in place of its lenient one.</summary>
    private static JsonSchemaValidator CreateValidator()
    {
        var settings = new JsonSchemaValidatorSettings();
        settings.FormatValidators =
        [
            .. settings.FormatValidators.Where(v => v.Format != Rfc3339DateTimeValidator.DateTimeFormat),
            new Rfc3339DateTimeValidator(),
        ];
        return new JsonSchemaValidator(settings);
    }

    /// <summary>
    /// RFC 3339 <c>date-time</c>: <c>2024-01-31T08:00:00Z</c>, <c>2024-01-31T08:00:00.123+01:00</c>. NJsonSchema's own
    /// check also takes a bare date or a time without offset, which TMF clients cannot read unambiguously.
    /// </summary>
    private sealed partial class Rfc3339DateTimeValidator : IFormatValidator
    {
        public const string DateTimeFormat = "date-time";

        public string Format => DateTimeFormat;

        public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.DateTimeExpected;

        public bool IsValid(string value, JTokenType tokenType) =>
            Rfc3339().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

        [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
        private static partial Regex Rfc3339();
    }

    private static JsonSchema Load(string file) =>
        Documents.GetOrAdd(file, f => new Lazy<JsonSchema>(() => LoadDocument(f))).Value;

    /// <summary>
    /// Turns the Swagger document's definitions into one JSON Schema document <c>{ "definitions": … }</c>.
    /// Adaptations: a Swagger 2.0 <c>discriminator</c> (a property name string, where NJsonSchema expects an
    /// OpenAPI 3 object) is dropped, as it only names the property that <c>@type</c> polymorphism would use.
    /// </summary>
    private static JsonSchema LoadDocument(string file)
    {
        var swagger = JsonNode.Parse(System.IO.File.ReadAllText(file)) as JsonObject
            ?? throw new InvalidOperationException($"{file} is not a JSON object.");
        if (swagger["definitions"] is not JsonObject definitions)
        {
            throw new InvalidOperationException($"{file} has no definitions.");
        }

        swagger.Remove("definitions");
        Adapt(definitions);
        var document = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-04/schema#",
            ["title"] = Path.GetFileName(file),
            ["definitions"] = definitions,
        };
        try
        {
            // NJsonSchema loads only asynchronously, and TmfSchema serves synchronous assertions. The document is already in
            // memory and its references all point inside it, so nothing is fetched while this thread waits.
#pragma warning disable RS0030
            return JsonSchema.FromJsonAsync(document.ToJsonString()).GetAwaiter().GetResult();
#pragma warning restore RS0030
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"NJsonSchema could not load the definitions of {file}: {e.Message}", e);
        }
    }

    private static void Adapt(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject schema:
                if (schema["discriminator"] is JsonValue)
                {
                    schema.Remove("discriminator");
                }

                foreach (var (_, child) in schema.ToList())
                {
                    Adapt(child);
                }

                break;
            case JsonArray items:
                foreach (var child in items)
                {
                    Adapt(child);
                }

                break;
        }
    }
}
