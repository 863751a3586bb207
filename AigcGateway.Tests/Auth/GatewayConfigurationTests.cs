using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AigcGateway.Tests.Auth;

public sealed class GatewayConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aigc-config-").FullName;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    internal static Dictionary<string, string?> ValidSettings() => new()
    {
        ["Gateway:PublicUrl"] = "https://dashboard.example.test",
        ["Gateway:CookieDomain"] = ".example.test",
        ["Gateway:ConfigFile"] = "/nonexistent/config.json",
        ["Logto:Endpoint"] = "https://logto.example.test/",
        ["Logto:AppId"] = "web-app",
        ["Logto:AppSecret"] = "web-secret",
        ["Logto:M2MId"] = "m2m-app",
        ["Logto:M2MSecret"] = "m2m-secret",
    };

    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings, string environment = "Production")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    private static (GatewayOptions Gateway, LogtoOptions Logto) Bind(Dictionary<string, string?> settings)
    {
        var builder = Builder(settings);
        builder.AddGatewayConfiguration();
        // binding only: the tests call GatewayConfiguration.Validate themselves
        builder.Services.RemoveAll<IValidateOptions<GatewayOptions>>();
        builder.Services.RemoveAll<IValidateOptions<LogtoOptions>>();
        var services = builder.Services.BuildServiceProvider();
        return (services.GetRequiredService<IOptions<GatewayOptions>>().Value, services.GetRequiredService<IOptions<LogtoOptions>>().Value);
    }

    private static IEnumerable<string> Messages(Exception e) => e switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Messages),
        OptionsValidationException options => options.Failures,
        _ => [e.Message],
    };

    [Fact]
    public async Task Every_missing_setting_is_named_at_start_up_at_once()
    {
        var builder = Builder(new() { ["Gateway:ConfigFile"] = "/nonexistent/config.json" });
        builder.AddGatewayConfiguration();
        builder.AddGatewayAuthentication();
        await using var app = builder.Build();

        var error = await Should.ThrowAsync<Exception>(() => app.StartAsync(Ct));

        var messages = string.Join("\n", Messages(error));
        foreach (var key in new[] { "Gateway:PublicUrl", "Gateway:CookieDomain", "Logto:Endpoint", "Logto:AppId", "Logto:AppSecret", "Logto:M2MId", "Logto:M2MSecret" })
        {
            messages.ShouldContain(key + " is required");
        }
    }

    [Fact]
    public void A_complete_configuration_is_valid()
    {
        var (gateway, logto) = Bind(ValidSettings());

        ConfigurationValidation.Problems(gateway, logto, new GatewayMode(false)).ShouldBeEmpty();
    }

    [Fact]
    public void Invalid_values_are_all_reported_with_their_keys()
    {
        var settings = ValidSettings();
        settings["Gateway:PublicUrl"] = "dashboard.example.test";
        settings["Gateway:CookieDomain"] = "not a domain";
        settings["Logto:Endpoint"] = "ftp://logto";
        settings["Logto:InternalEndpoint"] = "logto:3001";
        settings["Logto:PostLogoutRedirectUri"] = "/relative";
        settings["Logto:CaBundlePath"] = "/nonexistent/ca.pem";
        var (gateway, logto) = Bind(settings);

        var errors = ConfigurationValidation.Problems(gateway, logto, new GatewayMode(false));

        errors.Count.ShouldBe(6);
        foreach (var key in new[] { "Gateway:PublicUrl", "Gateway:CookieDomain", "Logto:Endpoint", "Logto:InternalEndpoint", "Logto:PostLogoutRedirectUri", "Logto:CaBundlePath" })
        {
            errors.ShouldContain(e => e.StartsWith(key, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    public void Requiring_the_host_binding_is_off_unless_switched_on(string? value, bool required)
    {
        var settings = ValidSettings();
        settings["Gateway:RequireHostBinding"] = value;
        var (gateway, logto) = Bind(settings);

        gateway.HostBindingRequired.ShouldBe(required);
        ConfigurationValidation.Problems(gateway, logto, new GatewayMode(false)).ShouldBeEmpty();
    }

    [Fact]
    public void A_require_host_binding_value_that_is_not_true_or_false_is_refused_with_the_others()
    {
        var settings = ValidSettings();
        settings["Gateway:RequireHostBinding"] = "yes";
        settings["Gateway:PublicUrl"] = "dashboard.example.test";
        var (gateway, logto) = Bind(settings);

        var errors = ConfigurationValidation.Problems(gateway, logto, new GatewayMode(false));

        errors.Count.ShouldBe(2);
        errors.ShouldContain(e => e.StartsWith("Gateway:RequireHostBinding 'yes' must be true or false", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cookie_domain_that_does_not_contain_the_dashboard_is_refused()
    {
        var settings = ValidSettings();
        settings["Gateway:CookieDomain"] = ".other.test";
        var (gateway, logto) = Bind(settings);

        ConfigurationValidation.Problems(gateway, logto, new GatewayMode(false))
            .ShouldHaveSingleItem().ShouldContain("dashboard.example.test");
    }

    [Fact]
    public void The_earlier_gateways_environment_names_are_accepted()
    {
        var (gateway, logto) = Bind(new()
        {
            ["App_Id"] = "old-app",
            ["App_Secret"] = "old-secret",
            ["M2M_Id"] = "old-m2m",
            ["M2M_Secret"] = "old-m2m-secret",
            ["Endpoint"] = "https://logto.example.test/",
            ["Redirect_Url"] = "https://dashboard.example.test/",
            ["Gateway:ConfigFile"] = "/nonexistent/config.json",
        });

        (logto.AppId, logto.AppSecret, logto.M2MId, logto.M2MSecret).ShouldBe(("old-app", "old-secret", "old-m2m", "old-m2m-secret"));
        logto.PublicEndpoint.ShouldBe(new Uri("https://logto.example.test"));
        logto.PostLogoutRedirectUri.ShouldBe("https://dashboard.example.test/");
        gateway.PublicUrl.ShouldBe("https://dashboard.example.test");
    }

    [Fact]
    public void Our_own_keys_win_over_the_earlier_names()
    {
        var settings = ValidSettings();
        settings["App_Id"] = "old-app";

        Bind(settings).Logto.AppId.ShouldBe("web-app");
    }

    [Fact]
    public void The_post_sign_out_uri_defaults_to_the_public_url_with_a_slash()
    {
        Bind(ValidSettings()).Logto.PostLogoutRedirectUri.ShouldBe("https://dashboard.example.test/");
    }

    [Fact]
    public void The_earlier_gateways_filter_file_supplies_namespaces_and_labels()
    {
        var file = Path.Combine(_directory, "config.json");
        File.WriteAllText(file, """{"namespaces": ["ai", "team-b"], "gss_labels": {"app": "aigc"}}""");
        var settings = ValidSettings();
        settings["Gateway:ConfigFile"] = file;

        var gateway = Bind(settings).Gateway;

        gateway.Namespaces.ShouldBe(["ai", "team-b"]);
        gateway.TemplateLabels.ShouldBe(new Dictionary<string, string> { ["app"] = "aigc" });
    }

    [Fact]
    public async Task An_unreadable_filter_file_is_a_start_up_error()
    {
        var file = Path.Combine(_directory, "config.json");
        File.WriteAllText(file, "{not json");
        var settings = ValidSettings();
        settings["Gateway:ConfigFile"] = file;
        var builder = Builder(settings);
        builder.AddGatewayConfiguration();
        await using var app = builder.Build();

        var error = await Should.ThrowAsync<Exception>(() => app.StartAsync(Ct));

        string.Join("\n", Messages(error)).ShouldContain("Gateway:ConfigFile");
    }

    [Fact]
    public void Administrators_can_be_listed_in_one_comma_separated_value()
    {
        var settings = ValidSettings();
        settings["Gateway:AdminUsers"] = "u1abc, admin@example.test";

        Bind(settings).Gateway.AdminUsers.ShouldBe(["u1abc", "admin@example.test"]);
    }

    [Theory]
    [InlineData("Development", null, null, true)]
    [InlineData("Development", "https://logto.example.test", null, false)]
    [InlineData("Development", null, "https://logto.example.test/", false)]
    [InlineData("Production", null, null, false)]
    public void Demo_mode_needs_development_and_no_logto_endpoint(string environment, string? endpoint, string? legacyEndpoint, bool demo)
    {
        var builder = Builder(new() { ["Logto:Endpoint"] = endpoint, ["Endpoint"] = legacyEndpoint }, environment);

        GatewayConfiguration.IsDemoMode(builder).ShouldBe(demo);
    }

    [Fact]
    public void Demo_mode_does_not_require_the_public_url_or_cookie_domain()
    {
        var settings = ValidSettings();
        settings.Remove("Gateway:PublicUrl");
        settings.Remove("Gateway:CookieDomain");
        var (gateway, logto) = Bind(settings);

        ConfigurationValidation.Problems(gateway, logto, new GatewayMode(true)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_services_resolve_with_development_checks_and_the_host_starts()
    {
        var builder = Builder(ValidSettings(), "Development");
        builder.AddGatewayConfiguration();
        builder.AddGatewayAuthentication();
        // the one port authentication takes from the core (AddGatewayCluster registers the Kubernetes adapter)
        builder.Services.AddSingleton<AigcGateway.Core.Sessions.ISessionRevocations>(new AigcGateway.Tests.Sessions.InMemorySessionRevocations());

        await using var app = builder.Build();
        await app.StartAsync(Ct);

        // the Management API client; the customData mirror on top of it comes with the cluster (AddGatewayLogtoMirror)
        app.Services.GetRequiredService<AigcGateway.Core.Logto.ILogtoUsers>().ShouldNotBeNull();
        await app.StopAsync(Ct);
    }
}
