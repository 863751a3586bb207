using System.Globalization;

namespace AigcGateway.Core.Instances;

/// <summary>English and Simplified Chinese text for <see cref="OperationError"/> (any <c>zh</c> culture gets Chinese).</summary>
public static class OperationErrorText
{
    public static string Describe(OperationError error, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var zh = culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        return (error, zh) switch
        {
            (OperationError.NotReady, false) => "The gateway is still reading the cluster. Try again in a few seconds.",
            (OperationError.NotReady, true) => "网关仍在读取集群状态，请几秒后重试。",
            (OperationError.TemplateNotFound, false) => "This template is no longer available. Reload the page.",
            (OperationError.TemplateNotFound, true) => "该模板已不可用，请刷新页面。",
            (OperationError.TemplateNotInstallable, false) => "This template is not set up correctly, so it cannot be used. Ask your administrator.",
            (OperationError.TemplateNotInstallable, true) => "该模板配置不正确，无法使用，请联系管理员。",
            (OperationError.NotInstalled, false) => "You have no instance of this template. Install it first.",
            (OperationError.NotInstalled, true) => "您尚未安装此模板的实例，请先安装。",
            (OperationError.NotOwner, false) => "This instance belongs to someone else.",
            (OperationError.NotOwner, true) => "该实例属于其他用户。",
            (OperationError.NotRunning, false) => "The instance is paused. Recover it first.",
            (OperationError.NotRunning, true) => "实例已暂停，请先恢复。",
            (OperationError.Busy, false) => "Many people are changing this template right now. Try again in a moment.",
            (OperationError.Busy, true) => "当前有很多人在操作此模板，请稍后重试。",
            (OperationError.ClusterError, false) => "The cluster did not accept the change. Try again; if it keeps failing, ask your administrator.",
            (OperationError.ClusterError, true) => "集群未接受此次更改，请重试；若持续失败，请联系管理员。",
            (OperationError.InstanceMissing, false) =>
                "This instance does not exist in the cluster: only its record was left (for example carried over from the earlier gateway). Remove it, then install the template again.",
            (OperationError.InstanceMissing, true) => "该实例在集群中并不存在，只留下了记录（例如从旧版网关迁移而来）。请移除该记录，然后重新安装模板。",
            (OperationError.AffectsOthers, false) =>
                "This change would also have affected someone else's instance, so it was not made. Try again in a moment; if it keeps happening, ask your administrator to check Administration > Migration.",
            (OperationError.AffectsOthers, true) => "此次更改会影响其他用户的实例，因此未执行。请稍后重试；若持续出现，请联系管理员检查“管理 > 迁移”。",
            (OperationError.InstanceExists, false) => "This instance exists, so its record was not removed. Reload the page.",
            (OperationError.InstanceExists, true) => "该实例存在，因此未移除其记录。请刷新页面。",
            _ => error.ToString(),
        };
    }
}
