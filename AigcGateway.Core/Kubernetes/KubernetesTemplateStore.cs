using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Kubernetes;

/// <summary>The lifecycle's writes over the Kubernetes API: each write is one PUT of the GameServerSet it was computed from.</summary>
internal sealed class KubernetesTemplateStore(IKubernetesApi api, ConformanceRules conformance) : ITemplateStore
{
    public async Task<TemplateState?> ReadAsync(TemplateRef template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        var gss = await api.ReadGameServerSetAsync(template.Namespace, template.Name, cancellationToken).ConfigureAwait(false);
        return gss is null ? null : GameServerSetMapper.ToState(gss, conformance);
    }

    public async Task<TemplateState> WriteAsync(TemplateState basis, TemplateChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(basis);
        if (basis.Source is not GameServerSet source)
        {
            source = await api.ReadGameServerSetAsync(basis.Ref.Namespace, basis.Ref.Name, cancellationToken).ConfigureAwait(false)
                ?? throw new ClusterException($"GameServerSet {basis.Ref} no longer exists") { StatusCode = 404 };
            if (source.Metadata.ResourceVersion != basis.ResourceVersion)
            {
                throw new ClusterConflictException($"GameServerSet {basis.Ref} changed since it was read");
            }
        }

        var updated = GameServerSetMapper.ApplyWrite(source, change);
        updated.Metadata.ResourceVersion = basis.ResourceVersion;
        var written = await api.ReplaceGameServerSetAsync(updated, cancellationToken).ConfigureAwait(false);
        return GameServerSetMapper.ToState(written, conformance);
    }

    public Task DeletePodAsync(InstanceRef instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return api.DeletePodAsync(instance.Template.Namespace, instance.GameServerName, cancellationToken);
    }

    public Task<bool> DeleteVolumeAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        api.DeletePersistentVolumeClaimAsync(@namespace, name, cancellationToken);
}
