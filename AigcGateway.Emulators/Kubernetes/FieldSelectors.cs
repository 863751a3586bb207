namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// The field selectors a real API server supports per resource (anything else answers 400 "field label not supported"):
/// <c>metadata.name</c> and <c>metadata.namespace</c> everywhere, more for events, pods and namespaces.
/// </summary>
internal static class FieldSelectors
{
    private static readonly HashSet<string> s_common = ["metadata.name", "metadata.namespace"];

    private static readonly Dictionary<ResourceType, HashSet<string>> s_extra = new()
    {
        [ResourceType.Events] =
        [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
            "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
        ],
        [ResourceType.Pods] =
        [
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
            "status.phase", "status.podIP", "status.nominatedNodeName",
        ],
        [ResourceType.Namespaces] = ["status.phase"],
    };

    /// <summary>Parses <paramref name="text"/> after checking every field it names is supported for <paramref name="type"/>.</summary>
    public static Selector? Parse(ResourceType type, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var terms = new List<string>();
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            var at = term.IndexOf('=', StringComparison.Ordinal);
            var field = (at < 0 ? term : term[..at]).TrimEnd('!').Trim();
            if (!s_common.Contains(field) && !(s_extra.TryGetValue(type, out var extra) && extra.Contains(field)))
            {
                throw StatusException.BadRequest($"field label not supported: {field}");
            }

            // an event's "source" is its source.component
            terms.Add(type == ResourceType.Events && field == "source" ? "source.component" + term[field.Length..] : term);
        }

        return Selector.ParseFields(string.Join(',', terms));
    }
}
