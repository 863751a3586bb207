using AigcGateway.Web.Configuration;
using AigcGateway.Web.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Security;

/// <summary>
/// Keeps the Blazor hub (<c>/_blazor</c>: WebSocket handshake, negotiate, long polling, disconnect) to the dashboard's
/// own pages. Browsers send the Lax session cookie with WebSocket handshakes and fetches from every same-site origin
/// (each instance host, Logto, any subdomain), so without this a script on an instance host could run a circuit as the
/// visiting user. Answers 403 with a short text; logs at debug.
/// </summary>
public sealed partial class BlazorOriginGuard(RequestDelegate next, IOptions<GatewayOptions> gateway, ILogger<BlazorOriginGuard> logger)
{
    public const string HubPath = "/_blazor";

    public async Task InvokeAsync(HttpContext context, IStringLocalizer<Strings> text)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments(HubPath))
        {
            await next(context);
            return;
        }

        var refusal = Refusal(context.Request, gateway.Value.PublicUri, context.WebSockets.IsWebSocketRequest);
        if (refusal is null)
        {
            await next(context);
            return;
        }

        LogRefused(logger, context.Request.Method, context.Request.Path, context.Request.Headers.Origin.ToString(), refusal);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text["Origin_Refused"], context.RequestAborted);
    }

    /// <summary>
    /// Why the request is refused, or null. The dashboard's origin is <paramref name="publicUrl"/>'s scheme://host[:port],
    /// else the request's own. A request must carry exactly that <c>Origin</c>; without one, WebSocket upgrades and
    /// anything but GET/HEAD are refused, and a GET only when <c>Sec-Fetch-Site</c> says it is not same-origin (browsers
    /// send no Origin on same-origin GETs such as long polling).
    /// </summary>
    public static string? Refusal(HttpRequest request, Uri? publicUrl, bool isWebSocket)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (scheme, host, port) = publicUrl is { } own
            ? (own.Scheme, own.IdnHost, own.Port)
            : (request.Scheme, request.Host.Host, request.Host.Port ?? (request.IsHttps ? 443 : 80));

        var origins = request.Headers.Origin;
        if (origins.Count > 1)
        {
            return "more than one Origin header";
        }

        if (origins.Count == 1)
        {
            return IsOrigin(origins[0], scheme, host, port) ? null : "another origin";
        }

        if (isWebSocket || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return "no Origin header";
        }

        var site = request.Headers["Sec-Fetch-Site"];
        return site.Count == 0 || site == "same-origin" ? null : $"Sec-Fetch-Site {site}";
    }

    private static bool IsOrigin(string? origin, string scheme, string host, int port) =>
        origin is not null
        && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.UserInfo.Length == 0
        && !origin.EndsWith('/')
        && string.Equals(uri.Scheme, scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == port;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused {Method} {Path} from Origin '{Origin}': {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string origin, string reason);
}
