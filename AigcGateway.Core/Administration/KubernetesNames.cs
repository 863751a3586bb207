using System.Text.RegularExpressions;

namespace AigcGateway.Core.Administration;

/// <summary>The naming rules of Kubernetes objects, and of the names OpenKruiseGame derives from a template's name.</summary>
public static partial class KubernetesNames
{
    /// <summary>
    /// Longest template name: OKG names the GameServer, pod, Service and Ingress <c>&lt;name&gt;-&lt;id&gt;</c>, and a
    /// Service name is a DNS-1035 label of at most 63 characters; six characters stay free for the id.
    /// </summary>
    public const int MaxTemplateNameLength = 57;

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    public static partial Regex Dns1035Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    public static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    public static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    public static partial Regex EnvironmentVariableName();

    /// <summary>A resource quantity in the forms people write: 4, 500m, 1.5, 16Gi, 100M.</summary>
    [GeneratedRegex("^(?<number>[0-9]+(\\.[0-9]+)?)(?<suffix>m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")]
    public static partial Regex Quantity();

    /// <summary>A container image reference: [registry[:port]/]path[:tag][@digest], no spaces.</summary>
    [GeneratedRegex("^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$")]
    public static partial Regex ImageReference();
}
