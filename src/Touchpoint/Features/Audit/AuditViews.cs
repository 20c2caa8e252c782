namespace Touchpoint.Features.Audit;

/// <summary>One changed field of an audit entry as a reader sees it.</summary>
/// <param name="Sensitivity">ordinary, personal or secret (<see cref="PersonalData"/>).</param>
/// <param name="Masked">
/// True when the values shown are not the values kept: personal values are masked (an admin can see them on request,
/// which is itself audited); a secret's values were never kept.
/// </param>
public sealed record AuditFieldChangeView(string Field, string? Old, string? New, string Sensitivity, bool Masked);

/// <param name="Changes">What an update changed, field by field, old → new; empty for anything else.</param>
public sealed record AuditEntryView(
    long Id, DateTime At, string? UserId, string UserName, string? IpAddress, string Channel,
    string Action, string EntityType, string? EntityId, string? Details, IReadOnlyList<AuditFieldChangeView> Changes)
{
    /// <summary>The acting user's display name; null for the system or a user since deleted (<see cref="AuditNames"/>).</summary>
    public string? UserDisplayName { get; init; }

    /// <summary>What the entity is called where people look for it: a customer's name and number, a case's reference, a user's name.</summary>
    public string? EntityName { get; init; }

    /// <summary>The page that shows the entity, when there is one.</summary>
    public string? EntityLink { get; init; }

    /// <summary>The customer the entry is about: the customer row itself, or a row of theirs.</summary>
    public Guid? CustomerId { get; init; }

    /// <summary>Every customer a read of many showed (a list, a search); empty otherwise.</summary>
    public IReadOnlyList<Guid> Subjects { get; init; } = [];
}

/// <summary>How audit entries are shown: personal values masked, unless an admin asked to see them (<see cref="AuditDisclosure"/>).</summary>
public static class AuditViews
{
    public static AuditEntryView ToView(AuditEntry entry, bool unmasked = false)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditEntryView(
            entry.Id, entry.At, entry.UserId, entry.UserName, entry.IpAddress, entry.Channel, entry.Action.ToString(), entry.EntityType, entry.EntityId,
            entry.Details, [.. entry.ReadChanges().Select(change => ToView(change, unmasked))])
        {
            CustomerId = entry.CustomerId,
            Subjects = entry.Subjects is { } subjects ? [.. subjects.Split(',').Select(Guid.Parse)] : [],
        };
    }

    public static AuditFieldChangeView ToView(FieldChange change, bool unmasked)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Sensitivity switch
        {
            FieldSensitivity.Personal when !unmasked => new(change.Field, PersonalData.Masked(change.Old), PersonalData.Masked(change.New), "personal", Masked: true),
            FieldSensitivity.Personal => new(change.Field, change.Old, change.New, "personal", Masked: false),
            FieldSensitivity.Secret => new(change.Field, null, null, "secret", Masked: true),
            _ => new(change.Field, change.Old, change.New, "ordinary", Masked: false),
        };
    }

    /// <summary>Whether the entry keeps personal values a list masks: what an admin may ask to see.</summary>
    public static bool HasMaskedValues(AuditEntryView entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Changes.Any(c => c is { Masked: true, Sensitivity: "personal" });
    }
}
