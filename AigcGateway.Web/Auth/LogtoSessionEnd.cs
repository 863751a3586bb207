using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Auth;

/// <summary>
/// Ends the Logto session after the local sign-out: redirects the browser to Logto's end-session endpoint when Logto
/// answers, and otherwise to the "signed out here" page, noting in the browser that the Logto session may still be open
/// (<see cref="LogtoSignOutPending"/>). Logto is asked first because the OIDC handler keeps its discovery document, so
/// without asking, a browser would be sent to a Logto that is down and see only its browser's connection error.
/// </summary>
internal sealed class LogtoSessionEnd(IOptionsMonitor<OpenIdConnectOptions> oidc, ILogger<LogtoSessionEnd> logger)
{
    public const string SignedOutPath = "/signed-out";
    public const string UnreachableTarget = SignedOutPath + "?logto=unreachable";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Starts the end of the Logto session (the response is then a redirect to Logto), or returns the page to show instead.</summary>
    public async Task<IResult> EndAsync(HttpContext context, bool secure)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await ProbeAsync(context.RequestAborted).ConfigureAwait(false);
            await context.SignOutAsync(GatewayAuthentication.OidcScheme, new AuthenticationProperties { RedirectUri = "/" }).ConfigureAwait(false);
            LogtoSignOutPending.Clear(context, secure);
            return Results.Empty;
        }
        catch (Exception e) when (SignInFailure.Classify(e) == SignInFailure.Unreachable && !context.Response.HasStarted)
        {
            AuthLog.SignOutUnreachable(logger, e);
            LogtoSignOutPending.Mark(context, secure);
            return Results.Redirect(UnreachableTarget);
        }
    }

    /// <summary>Throws <see cref="HttpRequestException"/> unless Logto's discovery document answers within a few seconds.</summary>
    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var options = oidc.Get(GatewayAuthentication.OidcScheme);
        if (options.Backchannel is null || string.IsNullOrEmpty(options.MetadataAddress))
        {
            return; // nothing to ask with: the handler's own attempt decides
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        using var response = await options.Backchannel.GetAsync(options.MetadataAddress, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
            .ConfigureAwait(false);
        if ((int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"Logto answered {(int)response.StatusCode}", null, response.StatusCode);
        }
    }
}
