using System.Text.Json;

namespace AigcGateway.Core.Templates;

/// <summary>The earlier gateway's <c>/etc/config/config.json</c>: <c>{"namespaces": [...], "gss_labels": {...}}</c>.</summary>
public static class LegacyFilterFile
{
    public const string DefaultPath = "/etc/config/config.json";

    /// <summary>Reads the file when it exists; null when there is none.</summary>
    public static CatalogFilter? TryLoad(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            return null;
        }

        return Parse(File.ReadAllText(path));
    }

    /// <summary>Parses the file's content; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static CatalogFilter Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the template filter file must contain a JSON object");
            }

            var namespaces = new List<string>();
            if (doc.RootElement.TryGetProperty("namespaces", out var ns) && ns.ValueKind != JsonValueKind.Null)
            {
                if (ns.ValueKind != JsonValueKind.Array || ns.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                {
                    throw new FormatException("\"namespaces\" must be a list of strings");
                }

                namespaces.AddRange(ns.EnumerateArray().Select(e => e.GetString()!));
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (doc.RootElement.TryGetProperty("gss_labels", out var gl) && gl.ValueKind != JsonValueKind.Null)
            {
                if (gl.ValueKind != JsonValueKind.Object || gl.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
                {
                    throw new FormatException("\"gss_labels\" must be an object of string values");
                }

                foreach (var p in gl.EnumerateObject())
                {
                    labels[p.Name] = p.Value.GetString()!;
                }
            }

            return CatalogFilter.Create(namespaces, labels);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the template filter file is not valid JSON: {ex.Message}", ex);
        }
    }
}
