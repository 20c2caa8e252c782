using Touchpoint.Domain.Cases;

namespace Touchpoint.Domain.Tests.Cases;

public sealed class QueueIdsTests
{
    [Theory]
    [InlineData("customer-service", "customer-service")]
    [InlineData("  Network-Faults ", "network-faults")]
    [InlineData("tier2", "tier2")]
    public void A_queue_id_is_read_in_any_case_and_without_surrounding_spaces(string typed, string id) =>
        Assert.Equal(id, QueueIds.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no spaces")]
    [InlineData("-leading-dash")]
    [InlineData("kundtjänst")]
    public void Anything_else_is_no_queue_id(string? typed) => Assert.Null(QueueIds.Normalize(typed));

    [Fact]
    public void A_queue_id_is_at_most_64_characters()
    {
        Assert.NotNull(QueueIds.Normalize(new string('q', QueueIds.MaxLength)));
        Assert.Null(QueueIds.Normalize(new string('q', QueueIds.MaxLength + 1)));
    }
}
