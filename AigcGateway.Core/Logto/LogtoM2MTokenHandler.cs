using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Logto;

/// <summary>Adds the cached M2M token to every Management API call; on 401 renews it once and resends.</summary>
internal sealed class LogtoM2MTokenHandler(LogtoM2MTokenSource tokens, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(null, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        LogtoLog.TokenRejected(logger);
        response.Dispose();
        var renewed = await tokens.GetAsync(token, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
