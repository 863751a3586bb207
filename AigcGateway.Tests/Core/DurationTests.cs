using AigcGateway.Core.Kubernetes;

namespace AigcGateway.Tests.Core;

public sealed class DurationTests
{
    [Theory]
    [InlineData("2h", 120)]
    [InlineData("30m", 30)]
    [InlineData("1h30m", 90)]
    [InlineData(" 45m ", 45)]
    public void Idle_timeouts_are_read_in_hours_and_minutes(string text, int minutes)
    {
        GameServerSetMapper.ParseDuration(text).ShouldBe(TimeSpan.FromMinutes(minutes));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("30")]
    [InlineData("0m")]
    [InlineData("h")]
    [InlineData("5d")]
    public void Anything_else_means_never(string? text)
    {
        GameServerSetMapper.ParseDuration(text).ShouldBeNull();
    }
}
