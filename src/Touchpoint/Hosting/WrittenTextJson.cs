using System.Text.Json;
using System.Text.Json.Serialization;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Hosting;

/// <summary>
/// Every string a JSON body carries, wherever it sits, is checked by <see cref="WrittenText"/> as it is read: a
/// refused character fails the read with a <see cref="JsonException"/>, which the serializer tags with the field's
/// path (<c>$.relatedParty[0].name</c>) and <see cref="BadRequestExceptionHandler"/> answers as a 400 naming it.
/// Registered on the API's JSON options (so no endpoint has to remember it) and on the NDJSON import's.
/// </summary>
public static class WrittenTextJson
{
    public static void Register(JsonSerializerOptions options)
    {
        options.Converters.Add(new StringConverter());
        options.Converters.Add(new ElementConverter());
    }

    private static void Check(string text)
    {
        if (WrittenText.Problem(text) is { } problem)
        {
            throw new RefusedTextException(problem);
        }
    }

    /// <summary>A text <see cref="WrittenText"/> refused; the serializer adds where it was (<see cref="JsonException.Path"/>).</summary>
    public sealed class RefusedTextException(string message) : JsonException(message);

    private sealed class StringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                // No message: the serializer then says what the built-in converter says ("could not be converted").
                throw new JsonException();
            }

            var text = reader.GetString()!;
            Check(text);
            return text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var name = reader.GetString()!;
            Check(name);
            return name;
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
    }

    /// <summary>Values kept as raw JSON (TMF characteristics, extension fields) hold text too.</summary>
    private sealed class ElementConverter : JsonConverter<JsonElement>
    {
        public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var element = JsonElement.ParseValue(ref reader);
            CheckAll(element);
            return element;
        }

        public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

        private static void CheckAll(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    Check(element.GetString()!);
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        CheckAll(item);
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Check(property.Name);
                        CheckAll(property.Value);
                    }

                    break;
            }
        }
    }
}
