using AigcGateway.Tests.Infrastructure;
using AigcGateway.Web.ForwardAuth;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.ForwardAuth;

/// <summary>Security issue #22, F14: attacker-chosen denials must not flood the log.</summary>
public sealed class ForwardAuthDenialLogTests
{
    private readonly RecordingLogger<ForwardAuthDenialLog> _logger = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private ForwardAuthDenialLog Log() => new(_logger, _time);

    [Fact]
    public void A_long_reason_is_cut_to_a_bounded_length_with_a_marker()
    {
        var reason = "no instance is published at victim.example.com/" + new string('a', 16 * 1024);

        Log().Denied("u1", reason);

        var line = _logger.Lines.ShouldHaveSingleItem();
        line.Length.ShouldBeLessThan(400);
        line.ShouldContain("no instance is published at victim.example.com/aaa");
        line.ShouldEndWith($"…[{reason.Length - ForwardAuthDenialLog.MaxValueLength} more characters]");
    }

    [Fact]
    public void A_long_user_id_is_cut_too()
    {
        Log().Denied(new string('u', 1000), "the instance belongs to someone else");

        _logger.Lines.ShouldHaveSingleItem().Length.ShouldBeLessThan(400);
    }

    [Fact]
    public void After_the_limit_denials_are_counted_and_reported_in_one_line_when_the_interval_ends()
    {
        var log = Log();

        for (var i = 0; i < ForwardAuthDenialLog.MaxLinesPerInterval + 500; i++)
        {
            log.Denied("u1", $"denial {i}");
        }

        _logger.Lines.Count.ShouldBe(ForwardAuthDenialLog.MaxLinesPerInterval);
        _time.Advance(ForwardAuthDenialLog.Interval);
        _logger.Lines.Count.ShouldBe(ForwardAuthDenialLog.MaxLinesPerInterval + 1);
        _logger.Lines[^1].ShouldContain("500 more forward-auth denials suppressed");

        log.Denied("u1", "after the interval");
        _logger.Lines[^1].ShouldContain("after the interval");
    }

    [Fact]
    public void Nothing_suppressed_means_no_summary_line()
    {
        var log = Log();
        log.Denied("u1", "one");

        _time.Advance(ForwardAuthDenialLog.Interval * 3);

        _logger.Lines.ShouldBe(["Forward auth denied user u1: one"]);
    }
}
