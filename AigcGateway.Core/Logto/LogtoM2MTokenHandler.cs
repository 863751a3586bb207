using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Logto;

/// <summary>
/// Adds the cached M2M token to every Management API call. On 401 renews it once and resends; on 403 too (a token
/// issued before the app got the Management API role never works), but at most once per
/// <see cref="LogtoManagementSettings.ForbiddenRenewalInterval"/> over all calls; otherwise the 403 is answered as is.
/// </summary>
internal sealed class LogtoM2MTokenHandler(LogtoM2MTokenSource tokens, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(null, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string renewed;
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            LogtoLog.TokenRejected(logger);
            renewed = await tokens.GetAsync(token, cancellationToken).ConfigureAwait(false);
        }
        else if (response.StatusCode == HttpStatusCode.Forbidden
            && await tokens.RenewAfterForbiddenAsync(token, cancellationToken).ConfigureAwait(false) is { } afterForbidden)
        {
            LogtoLog.TokenForbidden(logger);
            renewed = afterForbidden;
        }
        else
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
