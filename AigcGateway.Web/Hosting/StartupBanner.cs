using AigcGateway.Web.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Hosting;

/// <summary>
/// Says on the console, once the server listens, which address a person should open: <c>Gateway:PublicUrl</c>
/// (sign-in only works there: Logto returns to it), and the address the server listens on as such.
/// </summary>
internal static partial class StartupBanner
{
    public static void PrintWhenStarted(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var publicUri = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.PublicUri;
            switch (Target(publicUri, addresses))
            {
                case (var open, { } listening):
                    LogOpenPublic(app.Logger, open, listening);
                    break;
                case (var open, null) when open.Length > 0:
                    LogOpen(app.Logger, open);
                    break;
            }
        });
    }

    /// <summary>What to open (the public URL, else the first listening address made openable) and, with a public URL, where the server listens.</summary>
    internal static (string Open, string? Listening) Target(Uri? publicUri, IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var list = addresses.ToList();
        var listening = list.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? list.FirstOrDefault();
        if (publicUri is not null)
        {
            return (publicUri.AbsoluteUri, listening is null ? null : string.Join(", ", list));
        }

        return (listening is null ? "" : ListenAddress.Openable(listening), null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AIGC Gateway is running. Open {Url} in your browser.")]
    private static partial void LogOpen(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "AIGC Gateway is running. Open {Url} in your browser (Gateway:PublicUrl: signing in returns there); it listens on {Listening}.")]
    private static partial void LogOpenPublic(ILogger logger, string url, string listening);
}
