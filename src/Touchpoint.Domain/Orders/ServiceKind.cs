namespace Touchpoint.Domain.Orders;

/// <summary>
/// What a subscription is to the customer, from its plan's technology. A plan change stays within one kind (a
/// faster broadband is a modify); a new kind is an add-on (TV next to broadband is an add).
/// </summary>
public enum ServiceKind
{
    /// <summary>4G and 5G plans: mobile voice and mobile broadband.</summary>
    Mobile,

    /// <summary>Fixed broadband: fiber, dsl.</summary>
    Broadband,

    /// <summary>cable-tv.</summary>
    Television,
}

public static class ServiceKinds
{
    public static ServiceKind Of(string technology) => technology.Trim().ToUpperInvariant() switch
    {
        "4G" or "5G" => ServiceKind.Mobile,
        "CABLE-TV" => ServiceKind.Television,
        _ => ServiceKind.Broadband,
    };

    /// <summary>Mobile plans are delivered by the radio network wherever the customer is; the others at one address.</summary>
    public static bool NeedsServiceAddress(ServiceKind kind) => kind != ServiceKind.Mobile;

    public static string Describe(this ServiceKind kind) => kind switch
    {
        ServiceKind.Mobile => "mobile",
        ServiceKind.Broadband => "broadband",
        _ => "TV",
    };
}
