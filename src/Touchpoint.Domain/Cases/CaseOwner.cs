using System.Runtime.CompilerServices;

namespace Touchpoint.Domain.Cases;

/// <summary>Who can own a case: a named person, or a team queue that any member may work from.</summary>
public enum OwnerKind
{
    User,
    Queue,
}

public static class OwnerKinds
{
    private static readonly WireNameTable<OwnerKind> Table = new(
        "owner kind",
        (OwnerKind.User, "user"),
        (OwnerKind.Queue, "queue"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this OwnerKind kind) => Table.NameOf(kind);

    public static bool TryParse(string? text, out OwnerKind value, out string error) =>
        Table.TryParse(text, out value, out error);
}

/// <summary>The owner of a case. <paramref name="Name"/> is for display only; identity is kind and id.</summary>
public sealed record CaseOwner(OwnerKind Kind, string Id, string Name)
{
    public string Id { get; init => field = Required(value); } = Required(Id);

    public string Name { get; init => field = Required(value); } = Required(Name);

    /// <summary>A renamed queue or user is still the same owner, so bounce detection ignores the name.</summary>
    public bool IsSameOwnerAs(CaseOwner other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && string.Equals(Id, other.Id, StringComparison.Ordinal);
    }

    /// <summary>How the owner is named in sentences for agents and customers.</summary>
    public string Describe() => Kind == OwnerKind.Queue ? $"the {Name} queue" : Name;

    private static string Required(string value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value;
    }
}
