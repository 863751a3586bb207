using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>Identifies an instance: its template and the OpenKruiseGame id (GameServer <c>&lt;gss&gt;-&lt;id&gt;</c>).</summary>
public sealed record InstanceRef(TemplateRef Template, int Id)
{
    /// <summary>Name of the GameServer and of its pod.</summary>
    public string GameServerName => $"{Template.Name}-{Id}";

    public override string ToString() => $"{Template}#{Id}";
}
