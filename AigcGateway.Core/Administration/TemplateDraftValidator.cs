using System.Globalization;
using FluentValidation;

namespace AigcGateway.Core.Administration;

/// <summary>The rules of the template form: every field's problem is named with what to write instead.</summary>
public sealed class TemplateDraftValidator : AbstractValidator<TemplateDraft>
{
    public const string IdPlaceholder = "<id>";

    private static readonly TimeSpan MinimumIdleTimeout = TimeSpan.FromMinutes(5);

    public TemplateDraftValidator(TemplateRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);

        RuleFor(d => d.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => AdministrationText.Get("Name_Required"))
            .MaximumLength(KubernetesNames.MaxTemplateNameLength)
            .WithMessage(_ => AdministrationText.Get("Name_Length", KubernetesNames.MaxTemplateNameLength))
            .Matches(KubernetesNames.Dns1035Label()).WithMessage(_ => AdministrationText.Get("Name_Format"));

        RuleFor(d => d.Namespace).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => AdministrationText.Get("Namespace_Required"))
            .Matches(KubernetesNames.Dns1123Label()).WithMessage(_ => AdministrationText.Get("Namespace_Format"))
            .Must(ns => rules.Namespaces.IsDefaultOrEmpty || rules.Namespaces.Contains(ns, StringComparer.Ordinal))
            .WithMessage(_ => AdministrationText.Get("Namespace_NotAllowed", string.Join(", ", rules.Namespaces)));

        RuleFor(d => d.DisplayName).Custom((value, context) => Report(context, CatalogEntryRules.DisplayNameError(value)));
        RuleFor(d => d.Description).Custom((value, context) => Report(context, CatalogEntryRules.DescriptionError(value)));
        RuleFor(d => d.Icon).Custom((value, context) => Report(context, CatalogEntryRules.IconError(value, rules)));
        RuleFor(d => d.GpuType).Custom((value, context) => Report(context, CatalogEntryRules.GpuTypeError(value)))
            .When(d => d.Gpu != GpuMode.None);

        RuleFor(d => d.Image).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => AdministrationText.Get("Image_Required"))
            .Matches(KubernetesNames.ImageReference()).WithMessage(_ => AdministrationText.Get("Image_Format"));

        RuleFor(d => d.ContainerPort).InclusiveBetween(1, 65535).WithMessage(_ => AdministrationText.Get("Port_Range"));

        RuleFor(d => d.GpuCount).InclusiveBetween(1, 16).When(d => d.Gpu == GpuMode.Whole)
            .WithMessage(_ => AdministrationText.Get("GpuCount_Range"));
        RuleFor(d => d.GpuMemoryGiB).InclusiveBetween(1, 256).When(d => d.Gpu == GpuMode.SharedMemory)
            .WithMessage(_ => AdministrationText.Get("GpuMemory_Range"));

        RuleFor(d => d.Cpu).Custom((value, context) => CheckQuantity(value, allowMilli: true, context));
        RuleFor(d => d.Memory).Custom((value, context) => CheckQuantity(value, allowMilli: false, context));
        RuleFor(d => d.VolumeSize).Custom((value, context) => CheckQuantity(value, allowMilli: false, context));

        RuleFor(d => d.StorageClass)
            .Matches(KubernetesNames.Dns1123Subdomain()).When(d => !string.IsNullOrEmpty(d.StorageClass))
            .WithMessage(_ => AdministrationText.Get("Namespace_Format"));

        RuleFor(d => d.MountPath)
            .Must(p => p.Length > 1 && p.StartsWith('/') && !p.Contains("..", StringComparison.Ordinal) && !p.Any(char.IsWhiteSpace))
            .WithMessage(_ => AdministrationText.Get("MountPath_Format"));

        RuleFor(d => d.HostPattern).Custom((pattern, context) => CheckHostPattern(pattern, rules.CookieDomain, context));

        RuleFor(d => d.IngressClassName)
            .Matches(KubernetesNames.Dns1123Subdomain()).WithMessage(_ => AdministrationText.Get("IngressClass_Format"));

        RuleFor(d => d.TlsSecretName)
            .Matches(KubernetesNames.Dns1123Subdomain()).When(d => !string.IsNullOrEmpty(d.TlsSecretName))
            .WithMessage(_ => AdministrationText.Get("TlsSecret_Format"));

        RuleForEach(d => d.Environment)
            .Must(e => KubernetesNames.EnvironmentVariableName().IsMatch(e.Name))
            .WithMessage((_, e) => AdministrationText.Get("Env_Name", e.Name));
        RuleFor(d => d.Environment).Custom((variables, context) =>
        {
            foreach (var duplicate in variables.GroupBy(v => v.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                context.AddFailure(nameof(TemplateDraft.Environment), AdministrationText.Get("Env_Duplicate", duplicate.Key));
            }
        });

        RuleFor(d => d.IdleTimeout)
            .Must(t => t is null || t >= MinimumIdleTimeout)
            .WithMessage(_ => AdministrationText.Get("IdleTimeout_Range"));

        RuleFor(d => d.MaxKeepRunning)
            .Must(t => t is null || (t >= TimeSpan.FromHours(1) && t <= TimeSpan.FromDays(7)))
            .WithMessage(_ => AdministrationText.Get("MaxKeepRunning_Range"));

        RuleFor(d => d.BusyGpuPercent)
            .Must(p => p is null or (>= 1 and <= 100))
            .WithMessage(_ => AdministrationText.Get("BusyGpuPercent_Range"));
    }

    private static void Report(ValidationContext<TemplateDraft> context, string? error)
    {
        if (error is not null)
        {
            context.AddFailure(error);
        }
    }

    private static void CheckQuantity(string value, bool allowMilli, ValidationContext<TemplateDraft> context)
    {
        var match = KubernetesNames.Quantity().Match(value ?? "");
        if (!match.Success)
        {
            context.AddFailure(AdministrationText.Get("Quantity_Format", value));
            return;
        }

        if (decimal.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture) <= 0)
        {
            context.AddFailure(AdministrationText.Get("Quantity_Positive"));
        }
        else if (!allowMilli && match.Groups["suffix"].Value == "m")
        {
            context.AddFailure(AdministrationText.Get("Quantity_NoMilli"));
        }
    }

    /// <summary>The host with <c>&lt;id&gt;</c> replaced by an example id.</summary>
    public static string ExampleHost(string pattern, int id = 0) =>
        pattern.Replace(IdPlaceholder, id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static void CheckHostPattern(string pattern, string cookieDomain, ValidationContext<TemplateDraft> context)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            context.AddFailure(AdministrationText.Get("Host_Required"));
            return;
        }

        var first = pattern.IndexOf(IdPlaceholder, StringComparison.Ordinal);
        if (first < 0 || pattern.IndexOf(IdPlaceholder, first + 1, StringComparison.Ordinal) >= 0)
        {
            context.AddFailure(AdministrationText.Get("Host_NeedsId"));
            return;
        }

        var example = ExampleHost(pattern);
        if (example.Length > 253 || !KubernetesNames.Dns1123Subdomain().IsMatch(example) || !example.Contains('.', StringComparison.Ordinal))
        {
            context.AddFailure(AdministrationText.Get("Host_Format"));
            return;
        }

        var domain = cookieDomain.Trim().TrimStart('.').ToLowerInvariant();
        if (domain.Length == 0 || !example.EndsWith("." + domain, StringComparison.Ordinal))
        {
            context.AddFailure(AdministrationText.Get("Host_OutsideCookieDomain", "." + domain));
        }
    }
}
