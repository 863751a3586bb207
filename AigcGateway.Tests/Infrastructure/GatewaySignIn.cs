using System.Net;
using System.Text.RegularExpressions;
using AigcGateway.Tests.Auth;
using AigcGateway.Tests.LogtoEmulator;
using Microsoft.Net.Http.Headers;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>
/// A browser's cookies for an in-process gateway, and the HTTP steps a browser takes: signing in through the Logto
/// emulator (<c>/sign-in</c>, Logto's sign-in page, the callback) and signing out with the confirmation form.
/// </summary>
internal sealed partial class GatewaySignIn(HttpClient gateway, Uri? logtoEndpoint = null)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public Dictionary<string, SetCookieHeaderValue> Cookies { get; } = [];

    /// <summary>Signs in as the Logto user <paramref name="userId"/>; returns the callback's answer (the redirect to rd).</summary>
    public async Task<Uri> SignInAsync(string userId, string rd = "/")
    {
        using var start = await SendAsync(HttpMethod.Get, "/sign-in?rd=" + Uri.EscapeDataString(rd));
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var logto = new LogtoTestBrowser(logtoEndpoint ?? throw new InvalidOperationException("no Logto to sign in with"));
        var callback = await logto.SignInAsync(userId, start.Headers.Location!.AbsoluteUri);
        using var done = await SendAsync(HttpMethod.Get, callback.PathAndQuery);
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect, await done.Content.ReadAsStringAsync(Ct));
        return done.Headers.Location!;
    }

    /// <summary>Signs out as a person does: the confirmation page, then its form.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        using var page = await SendAsync(HttpMethod.Get, "/sign-out");
        var field = HiddenField().Match(await page.Content.ReadAsStringAsync(Ct));
        field.Success.ShouldBeTrue("the confirmation page has a form with a token");
        return await SendAsync(HttpMethod.Post, "/sign-out", new FormUrlEncodedContent(
            new Dictionary<string, string> { [field.Groups[1].Value] = WebUtility.HtmlDecode(field.Groups[2].Value) }));
    }

    /// <summary>Sends with the current cookies and keeps those the answer sets (deleted ones go).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = AuthTestHost.Get(url, Cookies.Count == 0 ? null : Cookies);
        request.Method = method;
        request.Content = content;
        configure?.Invoke(request);
        var response = await gateway.SendAsync(request, Ct);
        foreach (var (name, cookie) in AuthTestHost.Cookies(response))
        {
            if (cookie.Expires is { } expires && expires < DateTimeOffset.UtcNow)
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = cookie;
            }
        }

        return response;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"")]
    private static partial Regex HiddenField();
}
