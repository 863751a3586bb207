using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Configuration;

/// <summary>Validates the <c>Idle</c> section (every problem at once, each naming its key).</summary>
internal sealed class IdlePolicyOptionsValidator(GatewayMode mode) : IValidateOptions<IdlePolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, IdlePolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var minimum = IdlePolicyOptions.MinimumTimeout(mode.IsDemo);
        if (options.DefaultTimeout is { } timeout && (timeout < minimum || timeout > TimeSpan.FromDays(30)))
        {
            errors.Add($"Idle:DefaultTimeout '{timeout}' must be between {minimum.TotalMinutes} minutes and 30 days, e.g. 02:00:00 for two hours (or empty: never)");
        }

        if (!string.IsNullOrWhiteSpace(options.PrometheusUrl) && options.PrometheusUri is null)
        {
            errors.Add($"Idle:PrometheusUrl '{options.PrometheusUrl}' must be an absolute http(s) URL without credentials or query, e.g. https://prometheus.monitoring.svc:9090");
        }

        if (!string.IsNullOrWhiteSpace(options.PrometheusCaFile) && !File.Exists(options.PrometheusCaFile))
        {
            errors.Add($"Idle:PrometheusCaFile '{options.PrometheusCaFile}' does not exist; mount the CA bundle there or remove the setting");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
