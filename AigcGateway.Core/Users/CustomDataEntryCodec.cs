using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Users;

/// <summary>
/// The earlier gateway's customData format: one top-level key <c>"&lt;ns&gt;-&lt;name&gt;"</c> per template with the
/// value <c>{"Name","Namespace","ID" (decimal string),"Type":""}</c>, or <c>null</c> for "no instance".
/// Values that are not objects with any of those fields belong to other applications and are ignored.
/// </summary>
public static partial class CustomDataEntryCodec
{
    /// <summary>The key written for <paramref name="template"/> (the earlier gateway's choice, kept for rollbacks).</summary>
    public static string KeyFor(TemplateRef template) => template.LegacyCustomDataKey;

    public static JsonObject Encode(InstanceRef instance) => new()
    {
        ["Name"] = instance.Template.Name,
        ["Namespace"] = instance.Template.Namespace,
        ["ID"] = instance.Id.ToString(CultureInfo.InvariantCulture),
        ["Type"] = "",
    };

    public static CustomDataEntries Decode(JsonObject? customData)
    {
        if (customData is null)
        {
            return CustomDataEntries.Empty;
        }

        var entries = ImmutableArray.CreateBuilder<CustomDataEntry>();
        var malformed = ImmutableArray.CreateBuilder<MalformedCustomDataEntry>();
        var cleared = ImmutableArray.CreateBuilder<string>();
        foreach (var (key, value) in customData)
        {
            if (value is null)
            {
                // null is what the earlier gateway wrote at uninstall, but also any app's "unset": only keys shaped
                // like ours count as cleared entries
                if (key.Contains('-', StringComparison.Ordinal))
                {
                    cleared.Add(key);
                }

                continue;
            }

            if (value is not JsonObject obj || !LooksLikeEntry(obj))
            {
                continue;
            }

            if (TryDecode(obj, out var instance, out var problem))
            {
                entries.Add(new CustomDataEntry(key, instance));
            }
            else
            {
                malformed.Add(new MalformedCustomDataEntry(key, obj.ToJsonString(), problem));
            }
        }

        return new CustomDataEntries(entries.ToImmutable(), malformed.ToImmutable(), cleared.ToImmutable());
    }

    private static bool LooksLikeEntry(JsonObject obj) =>
        obj.ContainsKey("Name") || obj.ContainsKey("Namespace") || obj.ContainsKey("ID");

    private static bool TryDecode(JsonObject obj, out InstanceRef instance, out string problem)
    {
        instance = null!;
        var name = ReadString(obj["Name"]);
        var ns = ReadString(obj["Namespace"]);
        if (name is null || !KubernetesName().IsMatch(name))
        {
            problem = "Name is missing or not a Kubernetes name";
            return false;
        }

        if (ns is null || !KubernetesName().IsMatch(ns))
        {
            problem = "Namespace is missing or not a Kubernetes name";
            return false;
        }

        if (!TryReadId(obj["ID"], out var id))
        {
            problem = "ID is missing or not a non-negative integer";
            return false;
        }

        instance = new InstanceRef(new TemplateRef(ns, name), id);
        problem = "";
        return true;
    }

    private static string? ReadString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim() : null;

    private static bool TryReadId(JsonNode? node, out int id)
    {
        id = -1;
        if (node is not JsonValue value)
        {
            return false;
        }

        if (value.TryGetValue<string>(out var text))
        {
            return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out id);
        }

        // tolerate numbers (hand-edited in the Logto console)
        if (value.TryGetValue<int>(out id))
        {
            return id >= 0;
        }

        if (value.TryGetValue<double>(out var number) && number >= 0 && number <= int.MaxValue && Math.Floor(number) == number)
        {
            id = (int)number;
            return true;
        }

        return false;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")]
    private static partial Regex KubernetesName();
}
