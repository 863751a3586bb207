using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AigcGateway.Emulators.Logto;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Web.Auth;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace AigcGateway.Tests.Integration;

/// <summary>
/// Two gateways that share nothing but a real PostgreSQL database (no key directory): the cookie-protection key ring
/// lives in its data_protection_keys table, encrypted with a certificate, so a cookie one replica issues opens the other.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class SharedKeyRingTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string SomeInstance = "http://sd-cpu-9.localhost/";
    private readonly GatewayAppFactory _first = new();
    private GatewayAppFactory _second = null!;
    private HttpClient _firstClient = null!;
    private HttpClient _secondClient = null!;
    private string _connectionString = "";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync(Ct);
        var (certificate, key) = WriteCertificate(_first.ScratchDirectory);
        _first.WithSetting("Database:Provider", "PostgreSql")
            .WithSetting("ConnectionStrings:Gateway", _connectionString)
            .WithSetting("Gateway:DataProtectionCertificatePath", certificate)
            .WithSetting("Gateway:DataProtectionCertificateKeyPath", key);
        _second = _first.NewReplica();
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        _firstClient = _first.CreateClient(options);
        _secondClient = _second.CreateClient(options);
    }

    public async ValueTask DisposeAsync()
    {
        _firstClient.Dispose();
        _secondClient.Dispose();
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    /// <summary>A self-signed RSA certificate as a Kubernetes TLS Secret mounts it: tls.crt and tls.key.</summary>
    internal static (string Certificate, string Key) WriteCertificate(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=aigc-gateway data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var certificatePath = Path.Combine(directory, "tls.crt");
        var keyPath = Path.Combine(directory, "tls.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    private static async Task<HttpStatusCode> AuthAsync(HttpClient gateway, IReadOnlyDictionary<string, SetCookieHeaderValue> cookies)
    {
        using var request = Auth.AuthTestHost.ForwardAuth(SomeInstance, cookies);
        using var response = await gateway.SendAsync(request, Ct);
        return response.StatusCode;
    }

    /// <summary>True when <c>/sign-in</c> on <paramref name="gateway"/> recognises the session in <paramref name="cookies"/> (no trip to Logto).</summary>
    private async Task<bool> SessionAcceptedAsync(HttpClient gateway, IReadOnlyDictionary<string, SetCookieHeaderValue> cookies)
    {
        using var request = Auth.AuthTestHost.Get("/sign-in?rd=%2Fhere", cookies);
        using var response = await gateway.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return !new Uri(_first.PublicUrl, response.Headers.Location!).AbsoluteUri.StartsWith(_first.Logto.EndpointText, StringComparison.Ordinal);
    }

    /// <summary>The key a Data Protection payload was protected with: after the 4-byte magic header, the key id.</summary>
    private static Guid KeyIdOf(string cookieValue) => new(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(cookieValue).AsSpan(4, 16));

    private async Task<List<string>> StoredKeysAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    [Fact]
    public async Task A_session_issued_by_one_replica_is_accepted_by_the_other_and_by_its_auth()
    {
        var browser = new GatewaySignIn(_firstClient, _first.Logto.Endpoint);
        await browser.SignInAsync(LogtoDemoUsers.Alice.Id);
        // in-process hosts could also share the user profile's key directory: the key must be the database's
        (await StoredKeysAsync()).Select(xml => Guid.Parse(System.Xml.Linq.XElement.Parse(xml).Attribute("id")!.Value))
            .ShouldContain(KeyIdOf(browser.Cookies[InstanceAccessCookie.Name].Value.ToString()), "the cookie is protected with a key from the table");

        (await SessionAcceptedAsync(_secondClient, browser.Cookies)).ShouldBeTrue("the other replica reads the session cookie");
        (await AuthAsync(_secondClient, browser.Cookies)).ShouldBe(HttpStatusCode.Forbidden, "the other replica's /auth knows her (no instance there)");
    }

    [Fact]
    public async Task The_keys_in_the_table_hold_no_plaintext_key_material()
    {
        var browser = new GatewaySignIn(_firstClient, _first.Logto.Endpoint);
        await browser.SignInAsync(LogtoDemoUsers.Alice.Id);

        var keys = await StoredKeysAsync();
        keys.ShouldNotBeEmpty("the key ring is in the database");
        keys.ShouldAllBe(xml => xml.Contains("<encryptedSecret", StringComparison.Ordinal) && !xml.Contains("<masterKey", StringComparison.Ordinal));
    }

    /// <remarks>
    /// ASP.NET Core re-reads the ring when it meets an unknown key during a replica's first 2 minutes (where this test
    /// runs), and otherwise every 24 hours; automatic rotation activates a new key 2 days after creating it, so every
    /// replica has loaded it before any uses it (docs/configuration.md).
    /// </remarks>
    [Fact]
    public async Task A_key_created_by_one_replica_is_used_by_the_other_without_a_restart()
    {
        var before = new GatewaySignIn(_firstClient, _first.Logto.Endpoint);
        await before.SignInAsync(LogtoDemoUsers.Alice.Id);
        (await SessionAcceptedAsync(_secondClient, before.Cookies)).ShouldBeTrue();
        var keysBefore = (await StoredKeysAsync()).Count;

        // a rotation on the first replica: a new key, active at once, that the second has never loaded
        var now = DateTimeOffset.UtcNow;
        // (activation one minute ahead, within the 5 minutes of clock skew Data Protection allows: the newest activation is
        // the default key, so no key another replica created meanwhile can be preferred to it)
        var rotated = _first.Services.GetRequiredService<IKeyManager>().CreateNewKey(now.AddMinutes(1), now.AddDays(90));
        (await StoredKeysAsync()).Count.ShouldBe(keysBefore + 1);
        _second.Services.GetRequiredService<IKeyManager>().GetAllKeys()
            .ShouldContain(k => k.KeyId == rotated.KeyId, "the other replica reads (and decrypts) the new key from the database");

        var after = new GatewaySignIn(_firstClient, _first.Logto.Endpoint);
        await after.SignInAsync(LogtoDemoUsers.Bob.Id);
        KeyIdOf(after.Cookies[InstanceAccessCookie.Name].Value.ToString()).ShouldBe(rotated.KeyId, "the first replica protects with the new key");
        (await SessionAcceptedAsync(_secondClient, after.Cookies)).ShouldBeTrue("the second replica finds the new key in the database");
        (await AuthAsync(_secondClient, after.Cookies)).ShouldBe(HttpStatusCode.Forbidden);
        (await SessionAcceptedAsync(_secondClient, before.Cookies)).ShouldBeTrue("cookies of the older key still open");
    }
}
