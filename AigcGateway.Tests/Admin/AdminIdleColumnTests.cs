using AigcGateway.Core.Administration;
using AigcGateway.Core.Idle;
using AigcGateway.Core.Instances;
using AigcGateway.Web.Components.Admin;
using Bunit;

namespace AigcGateway.Tests.Admin;

/// <summary>The all-instances page's idle column: each running instance's timer and the reason of each automatic pause.</summary>
public sealed class AdminIdleColumnTests : AdminContext
{
    private static AdminInstance With(AdminInstance instance, IdleStatus? idle = null, AutoPauseRecord? autoPause = null) =>
        instance with { Instance = instance.Instance with { Idle = idle, AutoPause = autoPause } };

    private static string IdleOf(IRenderedComponent<AdminHost> page, string instance) =>
        page.FindAll("tr").Single(r => r.QuerySelector($"[data-instance='{instance}']") is not null).QuerySelector("[data-cell='idle']")!.TextContent.Trim();

    [Fact]
    public void Running_instances_show_when_they_pause_whether_kept_running_or_never_and_paused_ones_why()
    {
        Admin.Instances =
        [
            With(Instance(Sd, 0, "user-alice", InstanceState.Running), new IdleStatus { Governed = true, PausesAt = Now.AddMinutes(95) }),
            With(Instance(Sd, 1, "user-bob", InstanceState.Running), new IdleStatus { Governed = true, PausesAt = Now.AddHours(3), KeepRunningUntil = Now.AddHours(3) }),
            With(Instance(Comfy, 0, "user-bob", InstanceState.Running), new IdleStatus { Governed = false }),
            With(Instance(Comfy, 1, "user-carol", InstanceState.Running), new IdleStatus { Governed = true }),
            With(Instance(Sd, 2, "user-dan", InstanceState.Paused), autoPause: new AutoPauseRecord(Now.AddMinutes(-30), Now.AddMinutes(-150), TimeSpan.FromHours(2), new UsageSample(Now.AddMinutes(-30), 2, 0.015))),
            With(Instance(Sd, 3, "user-erin", InstanceState.Paused)),
        ];

        var page = RenderPage<AdminInstances>();

        page.FindAll("th").Select(h => h.TextContent.Trim()).ShouldContain("Idle pause");
        IdleOf(page, "aigc/sd-webui#0").ShouldBe("Pauses at 07:35 unless used");
        IdleOf(page, "aigc/sd-webui#1").ShouldBe("Pauses at 09:00 unless used, kept running until 09:00");
        IdleOf(page, "aigc/comfyui#0").ShouldBe("Never (no idle timeout)");
        IdleOf(page, "aigc/comfyui#1").ShouldBe("Not timed now (starting or being operated on)");
        IdleOf(page, "aigc/sd-webui#2").ShouldBe("Paused by the gateway at 05:30 after 2 h unused (timeout 2 h), measured then: GPU 2 %, CPU 0.015 cores");
        IdleOf(page, "aigc/sd-webui#3").ShouldBe("—");
    }
}
