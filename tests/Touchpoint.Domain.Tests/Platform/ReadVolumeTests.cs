using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Tests.Platform;

public sealed class ReadVolumeTests
{
    private static readonly DateTime TenPast = new(2026, 12, 7, 9, 10, 0, DateTimeKind.Utc);

    private readonly ReadVolume volume = new(new ReadVolumeLimits(UnusualAt: 3, Limit: 5, Window: TimeSpan.FromHours(1)));

    [Fact]
    public void The_same_customers_read_again_count_once()
    {
        var anna = Customers(2);

        for (var read = 0; read < 100; read++)
        {
            Assert.True(volume.Count("agent", anna, TenPast.AddSeconds(read)).Allowed);
        }

        Assert.Equal(2, volume.Count("agent", anna, TenPast.AddMinutes(5)).Customers);
    }

    [Fact]
    public void The_admins_are_told_once_when_a_user_reaches_the_unusual_volume()
    {
        var first = volume.Count("agent", Customers(2), TenPast);
        var reaching = volume.Count("agent", Customers(1), TenPast.AddMinutes(1));
        var beyond = volume.Count("agent", Customers(1), TenPast.AddMinutes(2));

        Assert.Equal(ReadVolumeAlert.None, first.Alert);
        Assert.Equal((true, 3, ReadVolumeAlert.Unusual), (reaching.Allowed, reaching.Customers, reaching.Alert));
        Assert.Equal((true, 4, ReadVolumeAlert.None), (beyond.Allowed, beyond.Customers, beyond.Alert));
    }

    [Fact]
    public void A_read_that_would_pass_the_limit_is_refused_whole_and_not_counted_and_the_admins_are_told_once()
    {
        volume.Count("agent", Customers(4), TenPast);

        var refused = volume.Count("agent", Customers(2), TenPast.AddMinutes(1));
        var again = volume.Count("agent", Customers(2), TenPast.AddMinutes(2));
        var oneMore = volume.Count("agent", Customers(1), TenPast.AddMinutes(3));

        Assert.Equal((false, 4, ReadVolumeAlert.Stopped), (refused.Allowed, refused.Customers, refused.Alert));
        Assert.Equal(new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc), refused.WindowEnds);
        Assert.Equal((false, ReadVolumeAlert.None), (again.Allowed, again.Alert));
        Assert.True(oneMore.Allowed, "The one customer the limit still allows is read.");
        Assert.Equal(5, oneMore.Customers);
    }

    [Fact]
    public void The_count_starts_again_in_the_next_window_and_users_are_counted_apart()
    {
        volume.Count("agent", Customers(5), TenPast);

        Assert.False(volume.Count("agent", Customers(1), TenPast.AddMinutes(49)).Allowed);
        Assert.True(volume.Count("lead", Customers(5), TenPast.AddMinutes(49)).Allowed);
        var nextHour = volume.Count("agent", Customers(5), TenPast.AddMinutes(50));
        Assert.Equal((true, 5), (nextHour.Allowed, nextHour.Customers));
    }

    [Theory]
    [InlineData(0, 5, 60, "at least 1")]
    [InlineData(6, 5, 60, "cannot be above the limit")]
    [InlineData(3, 5, 0, "longer than zero")]
    public void Limits_that_cannot_work_are_named(int unusualAt, int limit, int minutes, string problem)
    {
        Assert.Contains(problem, new ReadVolumeLimits(unusualAt, limit, TimeSpan.FromMinutes(minutes)).Problem(), StringComparison.Ordinal);
    }

    private static Guid[] Customers(int count) => [.. Enumerable.Range(0, count).Select(_ => Guid.NewGuid())];
}
