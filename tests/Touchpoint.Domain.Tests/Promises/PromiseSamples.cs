using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;

namespace Touchpoint.Domain.Tests.Promises;

/// <summary>S4-2: a store clerk promises a callback from customer service within 20 minutes.</summary>
internal static class PromiseSamples
{
    public static readonly DateTime MadeAt = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
    public static readonly Guid Customer = Guid.Parse("0197a5d2-0000-7000-8000-000000000042");
    public static readonly Guid OtherCustomer = Guid.Parse("0197a5d2-0000-7000-8000-000000000043");

    public static Promise Callback(int dueInMinutes = 20) => new()
    {
        Kind = PromiseKind.Callback,
        CustomerId = Customer,
        OwnerUserId = "care-anna",
        MadeByUserId = "store-erik",
        MadeVia = InteractionChannel.Store,
        MadeAt = MadeAt,
        DueAt = MadeAt.AddMinutes(dueInMinutes),
    };

    public static Promise Of(PromiseKind kind) => Callback() with
    {
        Kind = kind,
        DueAt = MadeAt.AddDays(3),
        CaseRef = kind == PromiseKind.ResolutionByDate ? "CASE-7" : null,
        RefundAmount = kind == PromiseKind.Refund ? new Money(200m, Currency.SEK) : null,
    };

    public static DateTime At(int minutesAfterMade) => MadeAt.AddMinutes(minutesAfterMade);

    public static InteractionAct Call(int minutesAfterMade, InteractionDirection direction = InteractionDirection.Outbound) =>
        new(Customer, At(minutesAfterMade), InteractionChannel.Phone, direction);

    public static InteractionAct Contact(InteractionChannel channel, InteractionDirection direction, int minutesAfterMade = 10) =>
        new(Customer, At(minutesAfterMade), channel, direction);
}
