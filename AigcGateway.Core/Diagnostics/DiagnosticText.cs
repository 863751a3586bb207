using System.Globalization;

namespace AigcGateway.Core.Diagnostics;

/// <summary>English and Simplified Chinese text for diagnostics (any <c>zh</c> culture gets Chinese).</summary>
public static class DiagnosticText
{
    public static DiagnosticMessage Describe(InstanceDiagnostic diagnostic, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        ArgumentNullException.ThrowIfNull(culture);
        var zh = culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var exit = diagnostic.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?";
        var minutes = ((int)(diagnostic.Elapsed?.TotalMinutes ?? 0)).ToString(CultureInfo.InvariantCulture);
        return (diagnostic.Reason, zh) switch
        {
            (DiagnosticReason.NoFreeGpu, false) => new(
                "No free GPU of this kind: every GPU that fits this template is in use.",
                "Wait for someone to pause an instance, or pause one of your own; it will start by itself as soon as a GPU is free."),
            (DiagnosticReason.NoFreeGpu, true) => new(
                "没有空闲的此类 GPU：适合该模板的 GPU 都在使用中。",
                "等待其他人暂停实例，或暂停您自己的一个实例；一旦有空闲 GPU，实例会自动启动。"),
            (DiagnosticReason.NoFreeCapacity, false) => new(
                "The cluster has no room for this instance (not enough CPU or memory).",
                "Wait a few minutes or pause an instance you do not need; ask your administrator if it persists."),
            (DiagnosticReason.NoFreeCapacity, true) => new(
                "集群资源不足（CPU 或内存不够），无法启动此实例。",
                "请稍等几分钟或暂停不需要的实例；若问题持续，请联系管理员。"),
            (DiagnosticReason.ImageCannotBePulled, false) => new(
                "The application image cannot be downloaded.",
                "Ask your administrator to check the template's image name and registry access."),
            (DiagnosticReason.ImageCannotBePulled, true) => new(
                "无法下载应用镜像。",
                "请联系管理员检查模板的镜像名称和镜像仓库的访问权限。"),
            (DiagnosticReason.VolumeCannotBeMounted, false) => new(
                "Your data volume cannot be attached.",
                "Try Restart in a few minutes; if it persists, ask your administrator to check the storage."),
            (DiagnosticReason.VolumeCannotBeMounted, true) => new(
                "无法挂载您的数据卷。",
                "几分钟后尝试重启；若问题持续，请联系管理员检查存储。"),
            (DiagnosticReason.Crashing, false) => new(
                $"The application keeps crashing (last exit code {exit}).",
                "Try Restart; if it crashes again, ask your administrator and mention the exit code."),
            (DiagnosticReason.Crashing, true) => new(
                $"应用反复崩溃（最后退出码 {exit}）。",
                "请尝试重启；若仍然崩溃，请联系管理员并告知退出码。"),
            (DiagnosticReason.NetworkNotReady, false) => new(
                "The application is up; its network address is not ready yet.",
                "Wait a minute; the Visit button appears when the address is ready."),
            (DiagnosticReason.NetworkNotReady, true) => new(
                "应用已启动，网络地址尚未就绪。",
                "请稍等一分钟；地址就绪后会出现“访问”按钮。"),
            (DiagnosticReason.SlowStart, false) => new(
                $"Starting is taking longer than usual ({minutes} min so far).",
                "Large applications can take a while; if nothing changes, try Restart or ask your administrator."),
            (DiagnosticReason.SlowStart, true) => new(
                $"启动时间比平时长（已 {minutes} 分钟）。",
                "大型应用启动较慢；若一直没有变化，请尝试重启或联系管理员。"),
            (DiagnosticReason.OperationFailed, false) => new(
                "The last operation did not complete.",
                "Try again; if it fails again, ask your administrator."),
            (DiagnosticReason.OperationFailed, true) => new(
                "上一次操作未完成。",
                "请重试；若仍然失败，请联系管理员。"),
            (DiagnosticReason.IdCorrected, false) => new(
                "The instance was created with a different number than expected; the gateway corrected its record.",
                "Nothing to do."),
            (DiagnosticReason.IdCorrected, true) => new(
                "实例创建时的编号与预期不同，网关已更正记录。",
                "无需任何操作。"),
            (_, false) => new("Something is wrong with this instance.", "Try Restart; if it persists, ask your administrator."),
            (_, true) => new("此实例出现问题。", "请尝试重启；若问题持续，请联系管理员。"),
        };
    }
}
