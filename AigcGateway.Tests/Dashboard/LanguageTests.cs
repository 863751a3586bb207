using System.Globalization;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using Bunit;

namespace AigcGateway.Tests.Dashboard;

public sealed class LanguageTests : DashboardContext
{
    public LanguageTests()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
    }

    [Fact]
    public void In_chinese_the_catalog_headings_badges_and_buttons_are_chinese()
    {
        var host = Start(DashboardData.Ready());

        host.Find("#dashboard-title").TextContent.ShouldBe("您的 AI 工作室");
        host.Find("#catalog-title").TextContent.ShouldBe("模板目录");
        Card(host, DashboardData.StableDiffusionRef).QuerySelectorAll(".resource-badge").Select(b => b.TextContent.Trim())
            .ShouldBe(["1 × NVIDIA A10", "4 核 CPU", "16 GiB 内存", "50 GiB 数据卷"]);
        Button(host, DashboardData.StableDiffusionRef, "install").TextContent.Trim().ShouldBe("安装");
        Card(host, DashboardData.BrokenRef).QuerySelector("[data-unavailable]")!.TextContent.ShouldContain("不可用");
    }

    [Fact]
    public void In_chinese_an_instance_its_state_times_and_diagnostic_are_chinese()
    {
        var waiting = DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Starting, new InstanceDiagnostic(DiagnosticReason.NoFreeGpu));
        var host = Start(DashboardData.Ready(waiting));

        var card = Card(host, DashboardData.StableDiffusionRef);
        card.QuerySelector(".instance-state")!.TextContent.Trim().ShouldBe("启动中");
        card.QuerySelector(".instance-created")!.TextContent.ShouldBe("5 分钟前");
        card.QuerySelector("[data-step='Scheduled']")!.TextContent.ShouldContain("分配服务器");
        card.QuerySelector("[data-diagnostic]")!.TextContent.ShouldContain("没有空闲的此类 GPU");
        Button(host, DashboardData.StableDiffusionRef, "pause").TextContent.Trim().ShouldBe("暂停");
    }

    [Fact]
    public void In_chinese_the_confirmation_is_chinese()
    {
        var host = Start(DashboardData.Ready());

        Button(host, DashboardData.StableDiffusionRef, "install").Click();

        var dialog = host.WaitForElement(".mud-dialog");
        dialog.TextContent.ShouldContain("安装 Stable Diffusion？");
        dialog.TextContent.ShouldContain("实例运行期间会为您独占一块 GPU（NVIDIA A10）");
        dialog.QuerySelector("[data-action='cancel']")!.TextContent.Trim().ShouldBe("取消");
    }

    [Fact]
    public void In_chinese_an_operation_error_is_chinese()
    {
        var host = Start(DashboardData.Ready());
        Button(host, DashboardData.StableDiffusionRef, "install").Click();
        host.WaitForElement(".mud-dialog [data-action='confirm']").Click();

        WaitForOperation(host, "install").Fail(OperationError.NotReady);

        host.WaitForAssertion(() => Card(host, DashboardData.StableDiffusionRef).QuerySelector("[data-error]")!.TextContent
            .ShouldContain("网关仍在读取集群状态，请几秒后重试。"));
    }

    [Fact]
    public void In_chinese_the_loading_sentence_is_chinese()
    {
        var host = Start(DashboardData.NotReady);

        host.Find("[data-loading]").TextContent.ShouldContain("网关正在读取集群状态");
    }
}
