using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace AigcGateway.Tests.LogtoEmulator;

/// <summary>
/// Drives the emulator like a browser plus the relying party: follows its own redirects with a cookie jar, stops at
/// the client's redirect URI, and exchanges codes at the token endpoint.
/// </summary>
internal sealed partial class LogtoTestBrowser : IDisposable
{
    private readonly HttpClient _http;

    public LogtoTestBrowser(Uri endpoint)
    {
        Endpoint = endpoint;
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = endpoint,
        };
    }

    public Uri Endpoint { get; }

    public HttpClient Http => _http;

    public string CodeVerifier { get; } = Base64Url(RandomNumberGenerator.GetBytes(32));

    public string CodeChallenge => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(CodeVerifier)));

    public string AuthorizeUrl(string scope = "openid profile email roles custom_data", string state = "st4te", string? extra = null) =>
        $"/oidc/auth?client_id={LogtoTestSetup.WebApp.ClientId}&redirect_uri={Uri.EscapeDataString(LogtoTestSetup.RedirectUri)}" +
        $"&response_type=code&scope={Uri.EscapeDataString(scope)}&state={state}&nonce=n0nce" +
        $"&code_challenge={CodeChallenge}&code_challenge_method=S256{extra}";

    public async Task<HttpResponseMessage> GetAsync(string url) =>
        await _http.GetAsync(url, Xunit.TestContext.Current.CancellationToken);

    /// <summary>Requests authorization, picks <paramref name="userId"/> on the sign-in page, returns the final redirect.</summary>
    public async Task<Uri> SignInAsync(string userId, string? authorizeUrl = null)
    {
        using var start = await GetAsync(authorizeUrl ?? AuthorizeUrl());
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signInPage = start.Headers.Location!;
        signInPage.OriginalString.ShouldStartWith("/sign-in?");
        var html = await ReadAsync(await GetAsync(signInPage.OriginalString));
        html.ShouldContain($"value=\"{userId}\"");
        var returnUrl = WebUtility.HtmlDecode(ReturnUrlField().Match(html).Groups[1].Value);

        using var chosen = await _http.PostAsync(
            "/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["userId"] = userId, ["returnUrl"] = returnUrl }),
            Xunit.TestContext.Current.CancellationToken);
        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await FollowToClientAsync(chosen.Headers.Location!.OriginalString);
    }

    /// <summary>Follows the emulator's redirects until one leaves it (the client's redirect URI).</summary>
    public async Task<Uri> FollowToClientAsync(string url)
    {
        for (var hops = 0; hops < 5; hops++)
        {
            using var response = await GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken));
            var location = response.Headers.Location!;
            if (location.IsAbsoluteUri && !location.AbsoluteUri.StartsWith(Endpoint.AbsoluteUri, StringComparison.Ordinal))
            {
                return location;
            }

            url = location.OriginalString;
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    public static Dictionary<string, string> Query(Uri uri) =>
        QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>Exchanges a code with client_secret_basic (or client_secret_post when <paramref name="post"/>).</summary>
    public async Task<HttpResponseMessage> ExchangeAsync(string code, bool post = false, string? secret = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = LogtoTestSetup.RedirectUri,
            ["code_verifier"] = CodeVerifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oidc/token");
        secret ??= LogtoTestSetup.WebApp.ClientSecret;
        if (post)
        {
            form["client_id"] = LogtoTestSetup.WebApp.ClientId;
            form["client_secret"] = secret;
        }
        else
        {
            request.Headers.Authorization = Basic(LogtoTestSetup.WebApp.ClientId, secret);
        }

        request.Content = new FormUrlEncodedContent(form);
        return await _http.SendAsync(request, Xunit.TestContext.Current.CancellationToken);
    }

    /// <summary>Signs in as <paramref name="userId"/> and returns the token response.</summary>
    public async Task<JsonElement> SignInAndExchangeAsync(string userId, string scope = "openid profile email roles custom_data")
    {
        var callback = await SignInAsync(userId, AuthorizeUrl(scope));
        using var response = await ExchangeAsync(Query(callback)["code"]);
        var body = await ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));

    public static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
