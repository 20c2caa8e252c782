using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Compensation;

internal static class CompensationSamples
{
    public static readonly DateTime RequestedAt = new(2026, 5, 4, 13, 30, 0, DateTimeKind.Utc);

    public static Money Sek(decimal amount) => new(amount, Currency.SEK);

    public static CompensationRequest Request(decimal kronor, string requester = "agent-sara") => new(
        Guid.Parse("0197a5d2-0000-7000-8000-000000000003"),
        Jurisdiction.SE,
        Sek(kronor),
        "Sold 4G broadband for an address without 4G coverage; 37 days without service.",
        requester,
        RequestedAt);
}
