using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Tests.Platform;

public sealed class TimeStampsTests
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    [Fact]
    public void A_stamp_written_in_UTC_reads_on_each_readers_clock_across_a_change_of_season()
    {
        var winter = TimeStamps.Write(new DateTime(2026, 12, 7, 9, 20, 0, DateTimeKind.Utc));
        var summer = TimeStamps.Write(new DateTime(2026, 7, 7, 9, 20, 0, DateTimeKind.Utc));
        var text = $"Callback due {winter}; first promised for {summer}.";

        Assert.Equal("Callback due 2026-12-07 09:20 UTC; first promised for 2026-07-07 09:20 UTC.", text);
        Assert.Equal("Callback due 7 Dec 2026 10:20; first promised for 7 Jul 2026 11:20.", TimeStamps.Localize(text, Stockholm));
        Assert.Equal("Callback due 7 Dec 2026 11:20; first promised for 7 Jul 2026 12:20.", TimeStamps.Localize(text, Helsinki));
    }

    [Theory]
    [InlineData("Invoice 2026-13-45 10:20 UTC is no date")]
    [InlineData("No stamp here, only UTC as a word")]
    [InlineData("")]
    public void Text_without_a_stamp_is_left_as_it_is(string text) => Assert.Equal(text, TimeStamps.Localize(text, Stockholm));

    [Fact]
    public void Only_UTC_instants_are_written() =>
        Assert.Throws<ArgumentException>(() => TimeStamps.Write(new DateTime(2026, 12, 7, 9, 20, 0, DateTimeKind.Unspecified)));
}
