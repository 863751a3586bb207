using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Configuration;

/// <summary>Binds and validates the gateway's configuration (docs/configuration.md).</summary>
public static class GatewayConfiguration
{
    /// <summary>
    /// Demo mode: the Development environment and no Logto endpoint (neither <c>Logto:Endpoint</c> nor the earlier
    /// gateway's <c>Endpoint</c>). Program asks before anything is registered, and before the emulators' settings are
    /// in the configuration.
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
    /// once). Returns the mode, also registered as a singleton: <paramref name="mode"/> when given (Program decides demo
    /// mode first and starts the emulators before this call), otherwise <see cref="IsDemoMode"/> decides now.
    /// </summary>
    public static GatewayMode AddGatewayConfiguration(this WebApplicationBuilder builder, GatewayMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        mode ??= new GatewayMode(IsDemoMode(builder));
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

        mode = mode with { SourceProblems = problems };
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
        services.AddSingleton<IValidateOptions<IdlePolicyOptions>, IdlePolicyOptionsValidator>();
        services.AddOptions<IdlePolicyOptions>().Bind(configuration.GetSection(IdlePolicyOptions.Section)).ValidateOnStart();
        return mode;
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
