using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Touchpoint.Features.Audit;

/// <summary>What the audit may keep of a field's values, and who may see them.</summary>
public enum FieldSensitivity
{
    /// <summary>Shown as it is to whoever may see the audit: a status, a price, a date, a kind.</summary>
    Ordinary,

    /// <summary>Data about a person (name, address, phone number, e-mail, national id, their own words): masked in every list, shown to an admin on request.</summary>
    Personal,

    /// <summary>A hash, salt or token: the audit records that it changed, never its value.</summary>
    Secret,
}

/// <summary>
/// Marks a property whose value must never leave its row (a code's hash or salt): the audit records that it changed,
/// never what it was.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;

/// <summary>
/// The one home of "what is personal": a property of an entity is personal data when it carries ASP.NET Core Identity's
/// <see cref="PersonalDataAttribute"/> (or <see cref="ProtectedPersonalDataAttribute"/>) — the same marking Identity's own
/// user already has on its name, e-mail and phone number, and that an export of a person's data can follow. A value type
/// owned by an entity (an <c>Address</c>) marks its own properties, so every address is personal wherever it is kept.
/// Secrets carry <see cref="SecretAttribute"/>; Identity's own secrets (password hash, stamps, stored tokens) are known here.
/// </summary>
public static class PersonalData
{
    private const string Mask = "•••";

    private static readonly ConcurrentDictionary<PropertyInfo, FieldSensitivity> Known = new();

    /// <summary>Identity's secrets, declared on its generic base types where no attribute can be added.</summary>
    private static readonly HashSet<(Type DeclaringType, string Name)> FrameworkSecrets =
    [
        (typeof(IdentityUser<>), nameof(IdentityUser.PasswordHash)),
        (typeof(IdentityUser<>), nameof(IdentityUser.SecurityStamp)),
        (typeof(IdentityUser<>), nameof(IdentityUser.ConcurrencyStamp)),
        (typeof(IdentityUserToken<>), nameof(IdentityUserToken<string>.Value)),
        (typeof(IdentityRole<>), nameof(IdentityRole.ConcurrencyStamp)),
    ];

    /// <summary>How sensitive a mapped property is, from the entity's metadata; a shadow property (a key, a foreign key) is ordinary.</summary>
    public static FieldSensitivity SensitivityOf(IReadOnlyPropertyBase property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.PropertyInfo is { } info ? Known.GetOrAdd(info, Decide) : FieldSensitivity.Ordinary;
    }

    /// <summary>
    /// A personal value as a list shows it: each word's first character, so an agent can tell that a name or address
    /// changed (and roughly how) without reading it; the length is not given away.
    /// </summary>
    public static string? Masked(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var masked = new StringBuilder();
        foreach (var word in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            masked.Append(masked.Length == 0 ? "" : " ").Append(char.IsSurrogate(word[0]) ? Mask : word[0] + Mask);
        }

        return masked.Length == 0 ? Mask : masked.ToString();
    }

    private static FieldSensitivity Decide(PropertyInfo info)
    {
        if (info.IsDefined(typeof(SecretAttribute), inherit: true) || IsFrameworkSecret(info))
        {
            return FieldSensitivity.Secret;
        }

        return info.IsDefined(typeof(PersonalDataAttribute), inherit: true) ? FieldSensitivity.Personal : FieldSensitivity.Ordinary;
    }

    private static bool IsFrameworkSecret(PropertyInfo info)
    {
        var declaring = info.DeclaringType;
        var generic = declaring is { IsGenericType: true } ? declaring.GetGenericTypeDefinition() : declaring;
        return generic is not null && FrameworkSecrets.Contains((generic, info.Name));
    }
}
