using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AigcGateway.Web.Hosting;

/// <summary>Says on the console, once the server listens, which address a person should open.</summary>
internal static partial class StartupBanner
{
    public static void PrintWhenStarted(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var url = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses?.FirstOrDefault();
            if (url is not null)
            {
                LogOpen(app.Logger, url.Replace("://[::]", "://localhost", StringComparison.Ordinal)
                    .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                    .Replace("://+", "://localhost", StringComparison.Ordinal)
                    .Replace("://*", "://localhost", StringComparison.Ordinal));
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AIGC Gateway is running. Open {Url} in your browser.")]
    private static partial void LogOpen(ILogger logger, string url);
}
