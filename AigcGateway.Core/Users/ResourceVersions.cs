using System.Globalization;

namespace AigcGateway.Core.Users;

/// <summary>
/// Orders Kubernetes resourceVersions. They are opaque by contract, but every API server issues etcd revisions
/// (increasing integers); when either is not a number, only equal versions count as "at least as new".
/// </summary>
public static class ResourceVersions
{
    public static bool AtLeast(string seen, string wanted)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(wanted);
        return long.TryParse(seen, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            && long.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            ? s >= w
            : string.Equals(seen, wanted, StringComparison.Ordinal);
    }
}
