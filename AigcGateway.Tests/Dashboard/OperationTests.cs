using AigcGateway.Core.Instances;
using Bunit;

namespace AigcGateway.Tests.Dashboard;

public sealed class OperationTests : DashboardContext
{
    [Fact]
    public void Install_asks_first_saying_what_is_created_and_that_a_gpu_is_reserved()
    {
        var host = Start(DashboardData.Ready());

        Button(host, DashboardData.StableDiffusionRef, "install").Click();

        var dialog = host.WaitForElement(".mud-dialog");
        dialog.TextContent.ShouldContain("Install Stable Diffusion?");
        dialog.TextContent.ShouldContain("This creates your own instance of Stable Diffusion");
        dialog.TextContent.ShouldContain("It gets 1 × NVIDIA A10, 4 CPU, 16 GiB memory, 50 GiB data volume.");
        dialog.TextContent.ShouldContain("A GPU (NVIDIA A10) is reserved for you while the instance runs.");
        Service.Operations.ShouldBeEmpty();
    }

    [Fact]
    public void The_install_confirmation_of_a_cpu_template_mentions_no_gpu()
    {
        var host = Start(DashboardData.Ready());

        Button(host, DashboardData.CpuRef, "install").Click();

        host.WaitForElement(".mud-dialog").TextContent.ShouldNotContain("GPU");
    }

    [Fact]
    public void Confirming_install_calls_the_service_for_the_user_and_template()
    {
        var host = Start(DashboardData.Ready());
        Button(host, DashboardData.StableDiffusionRef, "install").Click();

        host.WaitForElement(".mud-dialog [data-action='confirm']").Click();

        var operation = WaitForOperation(host, "install");
        operation.UserId.ShouldBe(DashboardData.User);
        operation.Template.ShouldBe(DashboardData.StableDiffusionRef);
    }

    [Fact]
    public void Cancelling_the_confirmation_does_nothing()
    {
        var host = Start(DashboardData.Ready());
        Button(host, DashboardData.StableDiffusionRef, "install").Click();

        host.WaitForElement(".mud-dialog [data-action='cancel']").Click();

        host.WaitForAssertion(() => host.FindAll(".mud-dialog").ShouldBeEmpty());
        Service.Operations.ShouldBeEmpty();
    }

    [Fact]
    public void While_an_operation_runs_that_templates_buttons_are_disabled_and_progress_shows()
    {
        var host = Start(DashboardData.Ready());
        Button(host, DashboardData.StableDiffusionRef, "install").Click();
        host.WaitForElement(".mud-dialog [data-action='confirm']").Click();
        WaitForOperation(host, "install");

        host.WaitForAssertion(() => Button(host, DashboardData.StableDiffusionRef, "install").HasAttribute("disabled").ShouldBeTrue());
        Card(host, DashboardData.StableDiffusionRef).QuerySelector(".instance-progress").ShouldNotBeNull();
        Card(host, DashboardData.StableDiffusionRef).QuerySelector("[aria-busy]")!.GetAttribute("aria-busy").ShouldBe("true");
        Button(host, DashboardData.CpuRef, "install").HasAttribute("disabled").ShouldBeFalse();
    }

    [Fact]
    public void When_the_operation_returns_the_buttons_are_enabled_again()
    {
        var host = Start(DashboardData.Ready());
        Button(host, DashboardData.StableDiffusionRef, "install").Click();
        host.WaitForElement(".mud-dialog [data-action='confirm']").Click();
        var operation = WaitForOperation(host, "install");

        operation.Succeed();

        host.WaitForAssertion(() => Button(host, DashboardData.StableDiffusionRef, "install").HasAttribute("disabled").ShouldBeFalse());
        Card(host, DashboardData.StableDiffusionRef).QuerySelector(".instance-progress").ShouldBeNull();
    }

    [Fact]
    public void A_refused_operation_shows_what_happened_and_what_to_do()
    {
        var host = Start(DashboardData.Ready());
        Button(host, DashboardData.StableDiffusionRef, "install").Click();
        host.WaitForElement(".mud-dialog [data-action='confirm']").Click();

        WaitForOperation(host, "install").Fail(OperationError.Busy);

        host.WaitForAssertion(() => Card(host, DashboardData.StableDiffusionRef).QuerySelector("[data-error]")!.TextContent
            .ShouldContain("Many people are changing this template right now. Try again in a moment."));
    }

    [Fact]
    public void An_error_message_can_be_dismissed_with_the_keyboard_reachable_button()
    {
        var host = Start(DashboardData.Ready());
        Button(host, DashboardData.StableDiffusionRef, "install").Click();
        host.WaitForElement(".mud-dialog [data-action='confirm']").Click();
        WaitForOperation(host, "install").Fail(OperationError.ClusterError);
        host.WaitForElement("[data-template='aigc/sd-webui'] [data-error]");

        var dismiss = Button(host, DashboardData.StableDiffusionRef, "dismiss");
        dismiss.TagName.ShouldBe("BUTTON");
        dismiss.GetAttribute("aria-label").ShouldBe("Dismiss this message");
        dismiss.Click();

        host.WaitForAssertion(() => Card(host, DashboardData.StableDiffusionRef).QuerySelector("[data-error]").ShouldBeNull());
    }

    [Fact]
    public void Pause_asks_first_saying_files_are_kept_and_the_gpu_is_released()
    {
        var host = Start(DashboardData.Ready(DashboardData.RunningStableDiffusion));

        Button(host, DashboardData.StableDiffusionRef, "pause").Click();

        var dialog = host.WaitForElement(".mud-dialog");
        dialog.TextContent.ShouldContain("Your files stay on your data volume.");
        dialog.TextContent.ShouldContain("The GPU is released");
    }

    [Fact]
    public void Pausing_a_cpu_instance_says_its_cpu_and_memory_are_released_and_mentions_no_gpu()
    {
        var host = Start(DashboardData.Ready(DashboardData.Instance(DashboardData.CpuRef, InstanceState.Running)));

        Button(host, DashboardData.CpuRef, "pause").Click();

        var dialog = host.WaitForElement(".mud-dialog");
        dialog.TextContent.ShouldContain("Its CPU and memory are released for others.");
        dialog.TextContent.ShouldNotContain("GPU");
    }

    [Fact]
    public void Confirming_pause_pauses_that_instance()
    {
        var host = Start(DashboardData.Ready(DashboardData.RunningStableDiffusion));
        Button(host, DashboardData.StableDiffusionRef, "pause").Click();

        host.WaitForElement(".mud-dialog [data-action='confirm']").Click();

        WaitForOperation(host, "pause").Instance.ShouldBe(DashboardData.RunningStableDiffusion.Ref);
    }

    [Fact]
    public void Restart_asks_for_confirmation_before_restarting()
    {
        var host = Start(DashboardData.Ready(DashboardData.RunningStableDiffusion));
        Button(host, DashboardData.StableDiffusionRef, "restart").Click();
        host.WaitForElement(".mud-dialog").TextContent.ShouldContain("Restart Stable Diffusion?");
        Service.Operations.ShouldBeEmpty();

        host.Find(".mud-dialog [data-action='confirm']").Click();

        WaitForOperation(host, "restart").Instance.ShouldBe(DashboardData.RunningStableDiffusion.Ref);
    }

    [Fact]
    public void Recover_says_the_address_and_files_come_back_and_a_gpu_is_reserved_again()
    {
        var paused = DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Paused);
        var host = Start(DashboardData.Ready(paused));

        Button(host, DashboardData.StableDiffusionRef, "recover").Click();

        var dialog = host.WaitForElement(".mud-dialog");
        dialog.TextContent.ShouldContain("same address and your files");
        dialog.TextContent.ShouldContain("A GPU (NVIDIA A10) is reserved for you again");
    }

    [Fact]
    public void Confirming_recover_recovers_the_same_instance()
    {
        var paused = DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Paused);
        var host = Start(DashboardData.Ready(paused));
        Button(host, DashboardData.StableDiffusionRef, "recover").Click();

        host.WaitForElement(".mud-dialog [data-action='confirm']").Click();

        WaitForOperation(host, "recover").Instance.ShouldBe(paused.Ref);
    }

    [Fact]
    public void The_uninstall_confirmation_says_the_data_volume_is_deleted_and_waits_for_the_name()
    {
        var host = Start(DashboardData.Ready(DashboardData.RunningStableDiffusion));

        Button(host, DashboardData.StableDiffusionRef, "uninstall").Click();

        var dialog = host.WaitForElement(".mud-dialog");
        dialog.TextContent.ShouldContain("deleted together with its data volume");
        dialog.QuerySelector(".uninstall-name")!.TextContent.ShouldBe("Stable Diffusion");
        dialog.QuerySelector("[data-action='confirm']")!.HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void The_uninstall_confirmation_puts_the_focus_in_the_name_field()
    {
        var host = Start(DashboardData.Ready(DashboardData.RunningStableDiffusion));

        Button(host, DashboardData.StableDiffusionRef, "uninstall").Click();

        var input = host.WaitForElement(".mud-dialog input");
        host.WaitForAssertion(() => JSInterop.Invocations
            .Where(i => i.Identifier == "Blazor._internal.domWrapper.focus")
            .Select(i => ((Microsoft.AspNetCore.Components.ElementReference)i.Arguments[0]!).Id)
            .ShouldContain(input.GetAttribute("blazor:elementreference")));
    }

    [Fact]
    public void A_wrong_name_keeps_uninstall_disabled()
    {
        var host = Start(DashboardData.Ready(DashboardData.RunningStableDiffusion));
        Button(host, DashboardData.StableDiffusionRef, "uninstall").Click();

        host.WaitForElement(".mud-dialog input").Input("Stable");

        host.Find(".mud-dialog [data-action='confirm']").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void Typing_the_templates_name_enables_uninstall_which_uninstalls_the_instance()
    {
        var host = Start(DashboardData.Ready(DashboardData.RunningStableDiffusion));
        Button(host, DashboardData.StableDiffusionRef, "uninstall").Click();

        host.WaitForElement(".mud-dialog input").Input("Stable Diffusion");
        host.WaitForAssertion(() => host.Find(".mud-dialog [data-action='confirm']").HasAttribute("disabled").ShouldBeFalse());
        host.Find(".mud-dialog [data-action='confirm']").Click();

        WaitForOperation(host, "uninstall").Instance.ShouldBe(DashboardData.RunningStableDiffusion.Ref);
    }
}
