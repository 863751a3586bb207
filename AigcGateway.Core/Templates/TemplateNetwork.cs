using System.Collections.Immutable;

namespace AigcGateway.Core.Templates;

/// <summary>The network plugin of a template and its settings.</summary>
public sealed record TemplateNetwork(string Type, ImmutableArray<NetworkSetting> Settings)
{
    public const string Ingress = "Kubernetes-Ingress";

    public static TemplateNetwork None { get; } = new(string.Empty, []);

    /// <summary>Only ingress-nginx's forward auth can protect an instance.</summary>
    public bool CanBeProtected => string.Equals(Type, Ingress, StringComparison.Ordinal);

    /// <summary>The template configures TLS on its ingress.</summary>
    public bool HasTls => Settings.Any(s => (s.Name is "TlsHosts" or "TlsSecretName") && !string.IsNullOrWhiteSpace(s.Value));

    public bool Equals(TemplateNetwork? other) =>
        other is not null && Type == other.Type && Settings.AsSpan().SequenceEqual(other.Settings.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Type, Settings.Length);

    public IEnumerable<string> ValuesOf(string name) =>
        Settings.Where(s => string.Equals(s.Name, name, StringComparison.Ordinal)).Select(s => s.Value);
}
