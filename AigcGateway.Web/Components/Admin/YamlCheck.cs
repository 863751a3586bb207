using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Administration;

namespace AigcGateway.Web.Components.Admin;

/// <summary>
/// What the YAML editor's text reads as: a manifest whose fields have the right types, or what to show under the
/// editor instead (the syntax or limit problem with its position, or every field of the wrong type with its path).
/// </summary>
public sealed record YamlCheck(JsonObject? Manifest, YamlProblem? Problem, ImmutableArray<string> Misfits)
{
    public static YamlCheck Of(string yaml)
    {
        if (!ManifestYaml.TryRead(yaml, out var manifest, out var problem))
        {
            return new(null, problem, []);
        }

        var misfits = ManifestShape.Check(manifest!);
        return misfits.IsEmpty ? new(manifest, null, []) : new(null, null, misfits);
    }
}
