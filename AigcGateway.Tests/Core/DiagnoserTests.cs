using System.Globalization;
using AigcGateway.Core.Diagnostics;

namespace AigcGateway.Tests.Core;

public sealed class DiagnoserTests
{
    private static readonly DateTimeOffset s_now = new(2024, 3, 22, 10, 1, 0, TimeSpan.Zero);

    private static DiagnosticInputs Starting(params EventObservation[] events) => new()
    {
        GameServerState = "Creating",
        NetworkState = "NotReady",
        Pod = PodObservation.Empty with { Phase = "Pending" },
        Events = [.. events],
        StartedAt = s_now.AddMinutes(-1),
    };

    private static EventObservation Warning(string reason, string message) => new("Pod", "sd-0", "Warning", reason, message, s_now.AddSeconds(-10));

    /// <summary>A pod the scheduler has placed (PodScheduled True) whose containers are not running yet.</summary>
    private static PodObservation Scheduled(ContainerObservation[] containers) =>
        new("Pending", [.. containers], [new("PodScheduled", "True")], s_now.AddMinutes(-1));

    private static ContainerObservation Container(string? waiting = null, string? terminated = null, int? exit = null) =>
        new("app", false, 3, waiting, null, terminated, exit);

    [Fact]
    public void Insufficient_gpu_is_no_free_gpu()
    {
        var d = Diagnoser.Diagnose(Starting(Warning("FailedScheduling", "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")), s_now);

        d!.Reason.ShouldBe(DiagnosticReason.NoFreeGpu);
    }

    [Fact]
    public void Insufficient_shared_gpu_memory_is_no_free_gpu()
    {
        var d = Diagnoser.Diagnose(Starting(Warning("FailedScheduling", "0/3 nodes are available: 3 Insufficient aliyun.com/gpu-mem.")), s_now);

        d!.Reason.ShouldBe(DiagnosticReason.NoFreeGpu);
    }

    [Fact]
    public void Insufficient_cpu_is_no_free_capacity()
    {
        Diagnoser.Diagnose(Starting(Warning("FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu.")), s_now)!
            .Reason.ShouldBe(DiagnosticReason.NoFreeCapacity);
    }

    [Fact]
    public void An_unschedulable_pod_condition_is_read_without_events()
    {
        var inputs = Starting() with
        {
            Pod = PodObservation.Empty with { Phase = "Pending", Conditions = [new("PodScheduled", "False", "Unschedulable", "3 Insufficient nvidia.com/gpu")] },
        };

        Diagnoser.Diagnose(inputs, s_now)!.Reason.ShouldBe(DiagnosticReason.NoFreeGpu);
    }

    [Theory]
    [InlineData("ErrImagePull")]
    [InlineData("ImagePullBackOff")]
    public void An_image_pull_waiting_reason_is_image_cannot_be_pulled(string reason)
    {
        var inputs = Starting() with { Pod = PodObservation.Empty with { Phase = "Pending", Containers = [Container(waiting: reason)] } };

        Diagnoser.Diagnose(inputs, s_now)!.Reason.ShouldBe(DiagnosticReason.ImageCannotBePulled);
    }

    [Fact]
    public void An_image_pull_back_off_in_a_later_container_is_image_cannot_be_pulled()
    {
        var inputs = Starting() with
        {
            Pod = Scheduled([new ContainerObservation("proxy", true, 0), new ContainerObservation("webui", false, 0, "ImagePullBackOff", "Back-off pulling image \"lab/webui:v2\"")]),
        };

        var d = Diagnoser.Diagnose(inputs, s_now)!;

        d.Reason.ShouldBe(DiagnosticReason.ImageCannotBePulled);
        d.Detail.ShouldBe("Back-off pulling image \"lab/webui:v2\"");
    }

    [Fact]
    public void A_pod_scheduled_after_failing_for_a_gpu_and_now_in_image_pull_back_off_is_image_cannot_be_pulled()
    {
        var inputs = Starting(Warning("FailedScheduling", "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.") with { Time = s_now.AddMinutes(-4) }) with
        {
            Pod = Scheduled([Container(waiting: "ImagePullBackOff")]),
        };

        Diagnoser.Diagnose(inputs, s_now)!.Reason.ShouldBe(DiagnosticReason.ImageCannotBePulled);
    }

    [Fact]
    public void A_pod_scheduled_after_failing_for_a_gpu_and_still_creating_its_container_has_no_diagnostic()
    {
        var inputs = Starting(Warning("FailedScheduling", "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.") with { Time = s_now.AddMinutes(-4) }) with
        {
            Pod = Scheduled([Container(waiting: "ContainerCreating")]),
        };

        Diagnoser.Diagnose(inputs, s_now).ShouldBeNull();
    }

    [Fact]
    public void A_running_pod_is_never_no_free_gpu_even_without_a_scheduled_condition()
    {
        var inputs = Starting(Warning("FailedScheduling", "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")) with
        {
            GameServerState = "NotReady",
            Pod = PodObservation.Empty with { Phase = "Running", Containers = [Container("CrashLoopBackOff", null, 2)] },
        };

        Diagnoser.Diagnose(inputs, s_now)!.Reason.ShouldBe(DiagnosticReason.Crashing);
    }

    [Fact]
    public void A_crash_now_beats_a_recent_image_pull_event_from_before()
    {
        var inputs = Starting(Warning("Failed", "Failed to pull image \"x\": i/o timeout") with { Time = s_now.AddMinutes(-3) }) with
        {
            GameServerState = "NotReady",
            Pod = Scheduled([Container("CrashLoopBackOff", null, 137)]) with { Phase = "Running" },
        };

        var d = Diagnoser.Diagnose(inputs, s_now)!;

        d.Reason.ShouldBe(DiagnosticReason.Crashing);
        d.ExitCode.ShouldBe(137);
    }

    [Fact]
    public void A_pull_failure_event_from_before_the_containers_started_is_not_image_cannot_be_pulled()
    {
        var inputs = Starting(Warning("Failed", "Failed to pull image \"x\": i/o timeout") with { Time = s_now.AddMinutes(-2) }) with
        {
            GameServerState = "NotReady",
            Pod = Scheduled([new ContainerObservation("app", false, 0)]) with { Phase = "Running" },
        };

        Diagnoser.Diagnose(inputs, s_now).ShouldBeNull();
    }

    [Fact]
    public void A_failed_pull_event_is_image_cannot_be_pulled()
    {
        Diagnoser.Diagnose(Starting(Warning("Failed", "Failed to pull image \"x\": not found")), s_now)!
            .Reason.ShouldBe(DiagnosticReason.ImageCannotBePulled);
    }

    [Fact]
    public void A_failed_mount_event_is_volume_cannot_be_mounted()
    {
        Diagnoser.Diagnose(Starting(Warning("FailedMount", "MountVolume.SetUp failed")), s_now)!
            .Reason.ShouldBe(DiagnosticReason.VolumeCannotBeMounted);
    }

    [Fact]
    public void A_false_persistent_volume_condition_is_volume_cannot_be_mounted()
    {
        var inputs = Starting() with { GameServerConditions = [new("PersistentVolumeNormal", "False", "Lost", "pv lost")] };

        Diagnoser.Diagnose(inputs, s_now)!.Reason.ShouldBe(DiagnosticReason.VolumeCannotBeMounted);
    }

    [Fact]
    public void A_crash_loop_reports_the_last_exit_code()
    {
        var inputs = Starting() with
        {
            GameServerState = "NotReady",
            Pod = PodObservation.Empty with { Phase = "Running", Containers = [Container("CrashLoopBackOff", null, 137)] },
        };

        var d = Diagnoser.Diagnose(inputs, s_now)!;

        d.Reason.ShouldBe(DiagnosticReason.Crashing);
        d.ExitCode.ShouldBe(137);
    }

    [Fact]
    public void A_running_pod_with_network_not_ready_is_network_not_ready()
    {
        var inputs = Starting() with
        {
            GameServerState = "Ready",
            Pod = PodObservation.Empty with { Phase = "Running", Containers = [new ContainerObservation("app", true, 0)] },
        };

        Diagnoser.Diagnose(inputs, s_now)!.Reason.ShouldBe(DiagnosticReason.NetworkNotReady);
    }

    [Fact]
    public void A_long_start_without_another_cause_is_slow_start_with_the_elapsed_time()
    {
        var d = Diagnoser.Diagnose(Starting() with { StartedAt = s_now.AddMinutes(-12) }, s_now)!;

        d.Reason.ShouldBe(DiagnosticReason.SlowStart);
        d.Elapsed.ShouldBe(TimeSpan.FromMinutes(12));
    }

    [Fact]
    public void A_short_start_without_a_cause_has_no_diagnostic()
    {
        Diagnoser.Diagnose(Starting(), s_now).ShouldBeNull();
    }

    [Fact]
    public void Old_warning_events_are_ignored()
    {
        var old = Warning("FailedScheduling", "Insufficient nvidia.com/gpu") with { Time = s_now.AddHours(-2) };

        Diagnoser.Diagnose(Starting(old), s_now).ShouldBeNull();
    }

    [Fact]
    public void The_raw_warning_events_are_kept_for_administrators()
    {
        var ev = Warning("FailedScheduling", "3 Insufficient nvidia.com/gpu");

        Diagnoser.Diagnose(Starting(ev), s_now)!.RawEvents.ShouldBe([ev]);
    }

    public static TheoryData<DiagnosticReason> Reasons => [.. Enum.GetValues<DiagnosticReason>()];

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Every_reason_has_english_and_chinese_text_with_a_next_step(DiagnosticReason reason)
    {
        var en = DiagnosticText.Describe(new InstanceDiagnostic(reason), CultureInfo.GetCultureInfo("en"));
        var zh = DiagnosticText.Describe(new InstanceDiagnostic(reason), CultureInfo.GetCultureInfo("zh-Hans"));

        en.Summary.ShouldNotBeNullOrWhiteSpace();
        en.NextStep.ShouldNotBeNullOrWhiteSpace();
        zh.Summary.ShouldNotBe(en.Summary);
        zh.NextStep.ShouldNotBe(en.NextStep);
    }

    [Fact]
    public void Crashing_text_names_the_exit_code()
    {
        DiagnosticText.Describe(new InstanceDiagnostic(DiagnosticReason.Crashing, ExitCode: 137), CultureInfo.GetCultureInfo("en")).Summary.ShouldContain("137");
    }
}
