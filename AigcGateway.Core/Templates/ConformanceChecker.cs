using System.Collections.Immutable;

namespace AigcGateway.Core.Templates;

/// <summary>Checks a template against the conventions the lifecycle relies on (spec/okg.md, "Template conventions").</summary>
public static class ConformanceChecker
{
    public static ImmutableArray<ConformanceProblem> Check(TemplateShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var problems = ImmutableArray.CreateBuilder<ConformanceProblem>();
        if (!string.Equals(shape.ScaleDownStrategyType, "ReserveIds", StringComparison.Ordinal))
        {
            problems.Add(new(
                ConformanceCode.ReserveIdsRequired,
                ConformanceSeverity.Error,
                $"scaleStrategy.scaleDownStrategyType is \"{shape.ScaleDownStrategyType ?? "General"}\"; the gateway requires \"ReserveIds\" so that paused ids are never reused."));
        }

        if (string.Equals(shape.PvcRetentionWhenScaled, "Delete", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(
                ConformanceCode.ScaleDownDeletesData,
                ConformanceSeverity.Error,
                "persistentVolumeClaimRetentionPolicy.whenScaled is \"Delete\": pausing an instance would delete the user's data. Set it to \"Retain\"."));
        }

        foreach (var p in shape.ReserveIdProblems)
        {
            problems.Add(new(ConformanceCode.InvalidReserveIds, ConformanceSeverity.Error, $"spec.reserveGameServerIds: {p}."));
        }

        foreach (var p in shape.OwnershipProblems)
        {
            problems.Add(new(ConformanceCode.InvalidOwnershipRecord, ConformanceSeverity.Error, $"annotation {TemplateAnnotations.Owners}: {p}."));
        }

        if (shape.VolumeClaimTemplateCount == 0)
        {
            problems.Add(new(
                ConformanceCode.NoDataVolume,
                ConformanceSeverity.Warning,
                "No volumeClaimTemplates: user data is lost when an instance is paused or restarted."));
        }

        if (!string.Equals(shape.NetworkType, TemplateNetwork.Ingress, StringComparison.Ordinal))
        {
            var type = string.IsNullOrEmpty(shape.NetworkType) ? "none" : shape.NetworkType;
            problems.Add(new(
                ConformanceCode.CannotBeProtected,
                ConformanceSeverity.Warning,
                $"Network type \"{type}\" cannot be protected: anyone who knows an instance's address can open it. Use Kubernetes-Ingress with the gateway's auth annotations."));
        }

        return problems.ToImmutable();
    }
}
