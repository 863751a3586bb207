using System.Collections.Immutable;

namespace AigcGateway.Core.Templates;

/// <summary>Checks a template against the conventions the lifecycle and forward auth rely on (spec/okg.md, "Template conventions").</summary>
public static class ConformanceChecker
{
    public static ImmutableArray<ConformanceProblem> Check(TemplateShape shape, ConformanceRules rules)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(rules);
        var problems = ImmutableArray.CreateBuilder<ConformanceProblem>();
        if (!string.Equals(shape.ScaleDownStrategyType, "ReserveIds", StringComparison.Ordinal))
        {
            problems.Add(new(ConformanceCode.ReserveIdsRequired, ConformanceSeverity.Error, shape.ScaleDownStrategyType ?? "General"));
        }

        if (string.Equals(shape.PvcRetentionWhenScaled, "Delete", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(ConformanceCode.ScaleDownDeletesData, ConformanceSeverity.Error));
        }

        foreach (var p in shape.ReserveIdProblems)
        {
            problems.Add(new(ConformanceCode.InvalidReserveIds, ConformanceSeverity.Error, p));
        }

        foreach (var p in shape.OwnershipProblems)
        {
            problems.Add(new(ConformanceCode.InvalidOwnershipRecord, ConformanceSeverity.Error, TemplateAnnotations.Owners, p));
        }

        if (shape.VolumeClaimTemplateCount == 0)
        {
            problems.Add(new(ConformanceCode.NoDataVolume, ConformanceSeverity.Warning));
        }

        if (shape.Network.CanBeProtected)
        {
            IngressConformance.Check(shape.Network, rules, problems);
        }
        else
        {
            var type = string.IsNullOrEmpty(shape.Network.Type) ? "none" : shape.Network.Type;
            problems.Add(new(ConformanceCode.CannotBeProtected, ConformanceSeverity.Warning, type));
        }

        return problems.ToImmutable();
    }

    /// <summary>Errors that mean the template's instances are not protected by this gateway (the admin page never says "Forward auth" then).</summary>
    public static bool IsAboutProtection(ConformanceCode code) => code is ConformanceCode.AuthUrlMissing
        or ConformanceCode.AuthUrlElsewhere
        or ConformanceCode.HostBindingMissing
        or ConformanceCode.AuthSigninMissing
        or ConformanceCode.AuthSigninElsewhere
        or ConformanceCode.InstanceIdMissing
        or ConformanceCode.PathPrefixAmbiguous;
}
