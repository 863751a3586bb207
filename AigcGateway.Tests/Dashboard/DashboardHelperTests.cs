using System.Globalization;
using System.Security.Claims;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Web.Components.Dashboard;
using MudBlazor;

namespace AigcGateway.Tests.Dashboard;

public sealed class DashboardHelperTests
{
    private static ClaimsPrincipal SignedIn(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    [Fact]
    public void The_user_id_is_the_sub_claim_even_when_a_name_identifier_is_present()
    {
        UserClaims.IdOf(SignedIn(new Claim(ClaimTypes.NameIdentifier, "other"), new Claim("sub", "logto-1"))).ShouldBe("logto-1");
    }

    [Fact]
    public void A_signed_out_user_has_no_id_even_with_claims()
    {
        UserClaims.IdOf(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "logto-1")]))).ShouldBeNull();
    }

    [Theory]
    [InlineData("palette", nameof(Icons.Material.Filled.Palette))]
    [InlineData("auto_awesome", nameof(Icons.Material.Filled.AutoAwesome))]
    [InlineData("AccountTree", nameof(Icons.Material.Filled.AccountTree))]
    [InlineData("3d_rotation", nameof(Icons.Material.Filled._3dRotation))]
    public void A_material_icon_name_in_any_spelling_finds_the_icon(string annotation, string field)
    {
        var expected = (string)typeof(Icons.Material.Filled).GetField(field)!.GetRawConstantValue()!;

        TemplateIcons.Material(annotation).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("no-such-icon-anywhere")]
    [InlineData("https://images.aigc.test/a.png")]
    public void Anything_else_gets_the_default_icon(string? annotation)
    {
        TemplateIcons.Material(annotation).ShouldBe(TemplateIcons.Default);
    }

    [Theory]
    [InlineData("https://images.aigc.test/a.png", "https://images.aigc.test/a.png")]
    [InlineData("/icons/sd.svg", "/icons/sd.svg")]
    [InlineData("/sign-out", null)]
    [InlineData("/favicon.svg", null)]
    [InlineData("https://dashboard.aigc.test/sign-out", null)]
    [InlineData("//evil.test/a.png", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("palette", null)]
    public void Only_images_on_other_hosts_and_under_the_icon_folder_are_loaded(string annotation, string? source)
    {
        TemplateIcons.ImageSource(annotation, "dashboard.aigc.test").ShouldBe(source);
    }

    [Theory]
    [InlineData("/sign-out")]
    [InlineData("https://dashboard.aigc.test/sign-out")]
    public void A_refused_image_gets_the_default_icon(string annotation)
    {
        TemplateIcons.Material(annotation).ShouldBe(TemplateIcons.Default);
    }

    [Theory]
    [InlineData("8Gi", "8 GiB")]
    [InlineData("512Mi", "512 MiB")]
    [InlineData("1.5Ti", "1.5 TiB")]
    [InlineData("10G", "10 GB")]
    [InlineData("12345", "12345")]
    public void Sizes_read_as_people_write_them(string quantity, string text)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        Quantities.Bytes(quantity).ShouldBe(text);
    }

    [Theory]
    [InlineData("500m", "0.5")]
    [InlineData("4", "4")]
    [InlineData("1500m", "1.5")]
    public void Cpu_reads_as_cores(string quantity, string text)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        Quantities.Cores(quantity).ShouldBe(text);
    }

    [Theory]
    [InlineData(InstanceState.Installing, null, StartupStage.Scheduled, false)]
    [InlineData(InstanceState.Recovering, null, StartupStage.Scheduled, false)]
    [InlineData(InstanceState.Restarting, null, StartupStage.Scheduled, false)]
    [InlineData(InstanceState.Starting, null, StartupStage.ImagePulling, false)]
    [InlineData(InstanceState.Starting, DiagnosticReason.NoFreeGpu, StartupStage.Scheduled, true)]
    [InlineData(InstanceState.Starting, DiagnosticReason.NoFreeCapacity, StartupStage.Scheduled, true)]
    [InlineData(InstanceState.Failed, DiagnosticReason.ImageCannotBePulled, StartupStage.ImagePulling, true)]
    [InlineData(InstanceState.Failed, DiagnosticReason.VolumeCannotBeMounted, StartupStage.ContainerStarted, true)]
    [InlineData(InstanceState.Failed, DiagnosticReason.Crashing, StartupStage.Ready, true)]
    [InlineData(InstanceState.Starting, DiagnosticReason.NetworkNotReady, StartupStage.NetworkReady, false)]
    [InlineData(InstanceState.Starting, DiagnosticReason.SlowStart, StartupStage.ImagePulling, false)]
    public void The_startup_stage_follows_from_the_state_and_the_diagnostic(InstanceState state, DiagnosticReason? reason, StartupStage stage, bool stuck)
    {
        var instance = DashboardData.Instance(DashboardData.StableDiffusionRef, state, reason is { } r ? new InstanceDiagnostic(r) : null);

        StartupProgress.Of(instance).ShouldBe(new StartupProgress(stage, stuck));
    }

    [Theory]
    [InlineData(InstanceState.Running)]
    [InlineData(InstanceState.Paused)]
    [InlineData(InstanceState.Pausing)]
    [InlineData(InstanceState.Uninstalling)]
    public void Instances_that_are_not_starting_have_no_startup_progress(InstanceState state)
    {
        StartupProgress.Of(DashboardData.Instance(DashboardData.StableDiffusionRef, state)).ShouldBeNull();
    }

    [Fact]
    public void A_template_that_is_not_installable_offers_nothing_without_an_instance()
    {
        AllowedActions.For(ActionViewer.Owner, null, DashboardData.Broken.IsInstallable).ShouldBeEmpty();
    }

    [Fact]
    public void A_template_that_became_not_installable_still_lets_its_owner_manage_the_instance()
    {
        var paused = DashboardData.Instance(DashboardData.BrokenRef, InstanceState.Paused);

        AllowedActions.For(ActionViewer.Owner, paused, DashboardData.Broken.IsInstallable).ShouldBe([InstanceAction.Recover, InstanceAction.Uninstall]);
    }
}
