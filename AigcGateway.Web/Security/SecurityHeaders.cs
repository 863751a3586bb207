using AigcGateway.Web.Configuration;
using AigcGateway.Web.ForwardAuth;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Security;

/// <summary>
/// Headers on every dashboard response (added when the response starts, so error and status-code pages carry them
/// too): no MIME sniffing, origin-only referrers to other sites, no framing by other sites, and HSTS when the public
/// URL is https (behind a TLS-terminating ingress the request itself arrives as http). <c>/auth</c> answers nginx, not a
/// browser, and is left alone.
/// </summary>
public static class SecurityHeaders
{
    public const string HstsValue = "max-age=31536000";

    public static IApplicationBuilder UseGatewaySecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var gateway = app.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>();
        return app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(ForwardAuthEndpoint.Path))
            {
                var https = gateway.Value.PublicUri?.Scheme == Uri.UriSchemeHttps;
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                    headers.XFrameOptions = "SAMEORIGIN";
                    headers.ContentSecurityPolicy = "frame-ancestors 'self'";
                    if (https)
                    {
                        headers.StrictTransportSecurity = HstsValue;
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
    }
}
