using System.Text.Json;
using System.Text.Json.Nodes;

namespace AigcGateway.Web.Configuration;

/// <summary>
/// The earlier gateway's settings: environment variables <c>App_Id</c>, <c>App_Secret</c>, <c>M2M_Id</c>,
/// <c>M2M_Secret</c>, <c>Redirect_Url</c>, <c>Endpoint</c>, and the filter file <c>/etc/config/config.json</c>.
/// They become values of our own keys with the lowest priority, so our keys always win.
/// </summary>
public static class LegacyConfiguration
{
    private static readonly (string Legacy, string Key)[] s_aliases =
    [
        ("App_Id", "Logto:AppId"),
        ("App_Secret", "Logto:AppSecret"),
        ("M2M_Id", "Logto:M2MId"),
        ("M2M_Secret", "Logto:M2MSecret"),
        ("Endpoint", "Logto:Endpoint"),
        ("Redirect_Url", "Logto:PostLogoutRedirectUri"),
    ];

    /// <summary>The values the legacy names supply (only for names that are set).</summary>
    public static Dictionary<string, string?> AliasValues(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (legacy, key) in s_aliases)
        {
            if (configuration[legacy] is { Length: > 0 } value)
            {
                values[key] = value.Trim();
            }
        }

        if (configuration["Redirect_Url"] is { Length: > 0 } redirect
            && Uri.TryCreate(redirect.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            values["Gateway:PublicUrl"] = uri.GetLeftPart(UriPartial.Authority);
        }

        return values;
    }

    /// <summary>
    /// Reads the filter file (<c>{"namespaces": [...], "gss_labels": {...}}</c>) into <c>Gateway:Namespaces</c> and
    /// <c>Gateway:TemplateLabels</c> values. A missing file gives nothing; an unreadable one gives a problem.
    /// </summary>
    public static (Dictionary<string, string?> Values, string? Problem) ReadFilterFile(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            return (values, null);
        }

        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new JsonException("the file is not a JSON object");
            if (json["namespaces"] is JsonArray namespaces)
            {
                var i = 0;
                foreach (var ns in namespaces)
                {
                    values[$"Gateway:Namespaces:{i++}"] = ns?.GetValue<string>();
                }
            }

            if (json["gss_labels"] is JsonObject labels)
            {
                foreach (var (key, value) in labels)
                {
                    values[$"Gateway:TemplateLabels:{key}"] = value?.GetValue<string>();
                }
            }

            return (values, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
        {
            return ([], $"Gateway:ConfigFile '{path}' cannot be read: {e.Message}");
        }
    }
}
