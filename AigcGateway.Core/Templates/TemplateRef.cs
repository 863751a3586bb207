namespace AigcGateway.Core.Templates;

/// <summary>Identifies a template: the namespace and name of its GameServerSet.</summary>
public sealed record TemplateRef(string Namespace, string Name)
{
    /// <summary>The key the earlier gateway used in Logto customData: <c>&lt;namespace&gt;-&lt;name&gt;</c> (ambiguous; never parse it back).</summary>
    public string LegacyCustomDataKey => $"{Namespace}-{Name}";

    public override string ToString() => $"{Namespace}/{Name}";
}
