using AigcGateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Security;

/// <summary>
/// Behind a TLS-terminating ingress a request for the dashboard arrives as plain http. When the public URL is https and
/// the request is for the public host, the browser used https: the request is treated as such, so cookies are Secure
/// and antiforgery (whose cookie must be Secure under its <c>__Host-</c> name) works even where the proxy's
/// <c>X-Forwarded-Proto</c> is absent or not trusted.
/// </summary>
public static class PublicScheme
{
    public static IApplicationBuilder UseGatewayPublicScheme(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var gateway = app.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>();
        return app.Use((context, next) =>
        {
            if (!context.Request.IsHttps
                && gateway.Value.PublicUri is { Scheme: "https" } publicUri
                && string.Equals(context.Request.Host.Host, publicUri.Host, StringComparison.OrdinalIgnoreCase))
            {
                context.Request.Scheme = Uri.UriSchemeHttps;
            }

            return next(context);
        });
    }
}
