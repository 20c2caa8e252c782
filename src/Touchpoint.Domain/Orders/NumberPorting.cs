namespace Touchpoint.Domain.Orders;

/// <summary>What a port-in request meets when the number is looked up among the numbers Touchpoint serves.</summary>
public enum PortInCheck
{
    /// <summary>Not served by us: port it in.</summary>
    Allowed,

    /// <summary>We serve it already, for this very customer (by any of their identities, legacy brand ids included): TP-4, S1-1.</summary>
    AlreadyYours,

    /// <summary>We serve it for someone else. Refused without saying whom (their data is not the asker's).</summary>
    ServedForAnotherCustomer,
}

/// <summary>Number porting rules: TP-4 (no port-in of a number we already serve for the customer) and EU-106-2.</summary>
public static class NumberPorting
{
    public const string PortInRule = "TP-4";
    public const string PortabilityRule = "EU-106-2";

    /// <summary>EU-106-2: the number stays portable at least one month after the contract ends.</summary>
    public const int PortableMonthsAfterTermination = 1;

    /// <param name="orderingCustomerId">The customer the order is for, after identity resolution and merges.</param>
    /// <param name="servingCustomerId">The customer whose live subscription has the number, or null when none has.</param>
    public static PortInCheck Check(Guid orderingCustomerId, Guid? servingCustomerId) => servingCustomerId switch
    {
        null => PortInCheck.Allowed,
        var serving when serving == orderingCustomerId => PortInCheck.AlreadyYours,
        _ => PortInCheck.ServedForAnotherCustomer,
    };

    /// <summary>The reason an agent can read to the customer; empty when the port-in is allowed.</summary>
    public static string Reason(PortInCheck check, string msisdn) => check switch
    {
        PortInCheck.AlreadyYours =>
            $"The number {msisdn} is already yours with us, so there is nothing to port in ({PortInRule}). " +
            "A renewal of that subscription is offered instead.",
        PortInCheck.ServedForAnotherCustomer =>
            $"The number {msisdn} cannot be ported in: it is already served by this operator. " +
            "Only the number's holder can move it to another subscription.",
        _ => string.Empty,
    };

    /// <summary>The last day the number can still be ported away after the subscription ended on <paramref name="terminationDate"/>.</summary>
    public static DateOnly PortableUntil(DateOnly terminationDate) => terminationDate.AddMonths(PortableMonthsAfterTermination);
}
