using AigcGateway.Core.Idle;

namespace AigcGateway.Tests.Idle;

public sealed class AutoPauseAnnotationsTests
{
    private static readonly DateTimeOffset PausedAt = new(2026, 12, 3, 15, 40, 0, TimeSpan.Zero);

    [Fact]
    public void A_record_survives_the_annotation_round_trip()
    {
        var record = new AutoPauseRecord(PausedAt, PausedAt.AddHours(-2), TimeSpan.FromHours(2), new UsageSample(PausedAt.AddSeconds(-20), 1.5, 0.012));

        var annotations = new Dictionary<string, string> { [AutoPauseAnnotations.KeyFor(7)] = AutoPauseAnnotations.Format(record), ["other"] = "x" };

        AutoPauseAnnotations.Read(annotations).ShouldBe(new Dictionary<int, AutoPauseRecord> { [7] = record });
        record.Unused.ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void A_record_without_a_measurement_or_last_activity_round_trips()
    {
        var record = new AutoPauseRecord(PausedAt, null, TimeSpan.FromMinutes(30), null);

        AutoPauseAnnotations.Parse(AutoPauseAnnotations.Format(record)).ShouldBe(record);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"pausedAt\":\"yesterday\"}")]
    [InlineData("{\"pausedAt\":42}")]
    public void A_hand_edited_value_is_ignored(string value)
    {
        AutoPauseAnnotations.Parse(value).ShouldBeNull();
    }

    [Theory]
    [InlineData("2026-12-03T15:40:00Z", true)]
    [InlineData("2026-12-03T23:40:00+08:00", true)]
    [InlineData("2026-12-03", false)]
    [InlineData("soon", false)]
    [InlineData(null, false)]
    public void Times_are_rfc_3339(string? value, bool valid)
    {
        var parsed = IdleAnnotations.Parse(value);

        (parsed is not null).ShouldBe(valid);
        if (valid)
        {
            parsed.ShouldBe(PausedAt);
            IdleAnnotations.Format(parsed!.Value).ShouldBe("2026-12-03T15:40:00Z");
        }
    }
}
