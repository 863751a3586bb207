using System.Text.Json.Nodes;

namespace AigcGateway.Core.Administration;

/// <summary>What saving an edit does: whether the pod template changed, and how many running instances restart because of it.</summary>
public sealed record EditImpact(bool PodTemplateChanged, int RestartingInstances)
{
    public bool OnlyMetadata => !PodTemplateChanged;

    /// <summary>
    /// The impact of replacing <paramref name="before"/> with <paramref name="after"/> while <paramref name="runningInstances"/>
    /// run. OKG copies <c>spec.network</c> into the pod template's annotations, so a network change rolls the instances
    /// too: recreated under <c>ReCreate</c> (the default), updated in place without a restart under
    /// <c>InPlaceIfPossible</c> / <c>InPlaceOnly</c> (Kruise patches annotations in place).
    /// </summary>
    public static EditImpact Of(JsonNode before, JsonNode after, int runningInstances)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var podTemplate = !JsonNode.DeepEquals(At(before, "spec", "gameServerTemplate"), At(after, "spec", "gameServerTemplate"));
        var network = !JsonNode.DeepEquals(At(before, "spec", "network"), At(after, "spec", "network"));
        var inPlace = At(after, "spec", "updateStrategy", "rollingUpdate", "podUpdatePolicy") is JsonValue policy
            && policy.TryGetValue<string>(out var value) && value is "InPlaceIfPossible" or "InPlaceOnly";
        var restarts = podTemplate || (network && !inPlace);
        return new EditImpact(restarts, restarts ? runningInstances : 0);
    }

    /// <summary>The node at <paramref name="path"/>, or null where a step is missing or not an object (a hand-written manifest may hold anything).</summary>
    private static JsonNode? At(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            node = (node as JsonObject)?[name];
        }

        return node;
    }
}
