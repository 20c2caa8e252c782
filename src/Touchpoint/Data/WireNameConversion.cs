using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Touchpoint.Data;

/// <summary>Reads a wire name, as each enum's companion class does (<c>PromiseStates.TryParse</c>, <c>Currencies.TryParse</c>, …).</summary>
public delegate bool WireNameParser<TEnum>(string? text, out TEnum value, out string error);

/// <summary>
/// Enums are stored as their wire names, the names the API and events use, and nothing else: a renamed C# member must
/// not change stored data, and code compares enums, never their names (<c>p.State == PromiseState.Open</c> is
/// translated to the stored name by EF).
/// </summary>
public static class WireNameConversion
{
    /// <summary>Stores the property as its wire name; a stored name that does not parse is reported, not guessed.</summary>
    public static PropertyBuilder<TEnum> HasWireNameConversion<TEnum>(
        this PropertyBuilder<TEnum> property, Func<TEnum, string> toWireName, WireNameParser<TEnum> parse)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.HasConversion(Converter(toWireName, parse));
    }

    /// <inheritdoc cref="HasWireNameConversion{TEnum}(PropertyBuilder{TEnum}, Func{TEnum, string}, WireNameParser{TEnum})"/>
    public static PropertyBuilder<TEnum?> HasWireNameConversion<TEnum>(
        this PropertyBuilder<TEnum?> property, Func<TEnum, string> toWireName, WireNameParser<TEnum> parse)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.HasConversion(Converter(toWireName, parse));
    }

    private static ValueConverter<TEnum, string> Converter<TEnum>(Func<TEnum, string> toWireName, WireNameParser<TEnum> parse)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(toWireName);
        ArgumentNullException.ThrowIfNull(parse);
        return new(value => toWireName(value), text => Parse(text, parse));
    }

    private static TEnum Parse<TEnum>(string text, WireNameParser<TEnum> parse)
        where TEnum : struct, Enum =>
        parse(text, out var value, out var error) ? value : throw new InvalidOperationException($"Stored {typeof(TEnum).Name} is invalid: {error}");
}
