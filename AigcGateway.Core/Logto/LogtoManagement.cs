using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Logto;

/// <summary>Builds the Management API client: TLS handler (with the optional CA bundle), M2M token handler, client.</summary>
public static class LogtoManagement
{
    /// <summary>
    /// A long-lived client (keep one per process). <paramref name="primaryHandler"/> replaces the TLS handler
    /// (tests); by default <see cref="LogtoTls.CreateHandler"/> with <see cref="LogtoManagementSettings.CaBundlePath"/>.
    /// </summary>
    public static ILogtoUsers CreateClient(
        LogtoManagementSettings settings, TimeProvider timeProvider, ILoggerFactory loggerFactory, HttpMessageHandler? primaryHandler = null) =>
        CreateClientCore(settings, timeProvider, loggerFactory, primaryHandler).Client;

    internal static (LogtoManagementClient Client, LogtoM2MTokenSource Tokens) CreateClientCore(
        LogtoManagementSettings settings, TimeProvider timeProvider, ILoggerFactory loggerFactory, HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var logger = loggerFactory.CreateLogger("AigcGateway.Core.Logto.LogtoManagement");
        var primary = primaryHandler ?? LogtoTls.CreateHandler(settings.CaBundlePath);
        var tokenClient = new HttpClient(primary, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var tokens = new LogtoM2MTokenSource(tokenClient, settings, timeProvider, logger);
        var apiClient = new HttpClient(new LogtoM2MTokenHandler(tokens, logger) { InnerHandler = primary })
        {
            BaseAddress = new Uri(settings.ServerEndpoint.AbsoluteUri.TrimEnd('/') + "/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return (new LogtoManagementClient(apiClient, settings, timeProvider, logger), tokens);
    }
}
