using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Configuration;

/// <summary>Binds and validates the gateway's configuration (docs/configuration.md).</summary>
public static class GatewayConfiguration
{
    /// <summary>
    /// Demo mode: the Development environment and no Logto endpoint (neither <c>Logto:Endpoint</c> nor the earlier
    /// gateway's <c>Endpoint</c>). Call it before putting the emulators' settings into the configuration.
    /// </summary>
    public static bool IsDemoMode(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Environment.IsDevelopment()
            && string.IsNullOrWhiteSpace(builder.Configuration["Logto:Endpoint"])
            && string.IsNullOrWhiteSpace(builder.Configuration["Endpoint"]);
    }

    /// <summary>
    /// Adds the earlier gateway's names as low-priority aliases, binds <see cref="GatewayOptions"/>,
    /// <see cref="LogtoOptions"/> and <see cref="KubernetesOptions"/>, and validates them at start-up (all problems at
    /// once). Options are read lazily, so settings put into <c>builder.Configuration</c> after this call (the demo
    /// emulators' URLs and credentials) still count. Returns the mode, also registered as a singleton.
    /// Pass <paramref name="demoMode"/> when the emulators' settings were put into the configuration before this call
    /// (otherwise <see cref="IsDemoMode"/> decides now).
    /// </summary>
    public static GatewayMode AddGatewayConfiguration(this WebApplicationBuilder builder, bool? demoMode = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var isDemo = demoMode ?? IsDemoMode(builder);
        var configuration = builder.Configuration;

        var legacy = LegacyConfiguration.AliasValues(configuration);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(configuration["Gateway:Namespaces"]) && !configuration.GetSection("Gateway:Namespaces").GetChildren().Any()
            && !configuration.GetSection("Gateway:TemplateLabels").GetChildren().Any())
        {
            var (values, problem) = LegacyConfiguration.ReadFilterFile(configuration["Gateway:ConfigFile"] ?? new GatewayOptions().ConfigFile);
            foreach (var (key, value) in values)
            {
                legacy[key] = value;
            }

            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        if (legacy.Count > 0)
        {
            ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = legacy });
        }

        var mode = new GatewayMode(isDemo) { SourceProblems = problems };
        var services = builder.Services;
        services.AddSingleton(mode);
        services.AddSingleton<GatewayOptionsValidator>();
        services.AddSingleton<IValidateOptions<GatewayOptions>>(sp => sp.GetRequiredService<GatewayOptionsValidator>());
        services.AddSingleton<IValidateOptions<LogtoOptions>>(sp => sp.GetRequiredService<GatewayOptionsValidator>());

        services.AddOptions<GatewayOptions>()
            .Bind(configuration.GetSection(GatewayOptions.Section))
            .PostConfigure(options =>
            {
                SplitList(configuration["Gateway:AdminUsers"], options.AdminUsers);
                SplitList(configuration["Gateway:Namespaces"], options.Namespaces);
                SplitList(configuration["Gateway:TrustedProxies"], options.TrustedProxies);
            })
            .ValidateOnStart();
        services.AddOptions<LogtoOptions>()
            .Bind(configuration.GetSection(LogtoOptions.Section))
            .PostConfigure(logto =>
            {
                // read the raw value: going through IOptions<GatewayOptions> would validate that section here and
                // hide this section's own problems behind the other's
                var publicUri = new GatewayOptions { PublicUrl = configuration["Gateway:PublicUrl"] }.PublicUri;
                if (string.IsNullOrWhiteSpace(logto.PostLogoutRedirectUri) && publicUri is not null)
                {
                    logto.PostLogoutRedirectUri = publicUri.GetLeftPart(UriPartial.Authority) + "/";
                }
            })
            .ValidateOnStart();
        services.AddOptions<KubernetesOptions>().Bind(configuration.GetSection(KubernetesOptions.Section));
        return mode;
    }

    /// <summary>Every configuration problem (both sections), for tests and diagnostics; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(GatewayOptions gateway, LogtoOptions logto, GatewayMode mode)
    {
        var validator = new GatewayOptionsValidator(mode);
        var failures = new List<string>();
        failures.AddRange(validator.Validate(null, gateway).Failures ?? []);
        failures.AddRange(validator.Validate(null, logto).Failures ?? []);
        return failures;
    }

    private static void SplitList(string? scalar, List<string> target)
    {
        if (string.IsNullOrWhiteSpace(scalar))
        {
            return;
        }

        foreach (var item in scalar.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!target.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                target.Add(item);
            }
        }
    }
}
