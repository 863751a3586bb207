using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Idle;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Hosting;

/// <summary>Core's options (<see cref="GatewayCoreOptions"/>) derived from the gateway's validated settings.</summary>
internal sealed class GatewayCoreOptionsFactory(IOptions<GatewayOptions> gateway, IOptions<KubernetesOptions> kubernetes, IOptions<IdlePolicyOptions> idle, GatewayMode mode)
    : IOptionsFactory<GatewayCoreOptions>
{
    public GatewayCoreOptions Create(string name)
    {
        var settings = gateway.Value;
        var cluster = kubernetes.Value;
        return new GatewayCoreOptions
        {
            Catalog = CatalogFilter.Create(settings.Namespaces, settings.TemplateLabels),
            // the earlier gateway's filter file is already merged into Gateway:Namespaces/TemplateLabels
            LegacyConfigFile = null,
            Kubernetes = new KubernetesConnection(KubeconfigPath: string.IsNullOrWhiteSpace(cluster.Kubeconfig) ? null : cluster.Kubeconfig),
            Lifecycle = new LifecycleOptions
            {
                ForceHttps = settings.PublicUri?.Scheme == Uri.UriSchemeHttps,
                Idle = new IdleOptions
                {
                    DefaultTimeout = idle.Value.DefaultTimeout,
                    PrometheusUrl = idle.Value.PrometheusUri,
                    PrometheusCaFile = string.IsNullOrWhiteSpace(idle.Value.PrometheusCaFile) ? null : idle.Value.PrometheusCaFile,
                },
            },
            // demo mode without Gateway:PublicUrl: the address the demo templates point their annotations at
            Conformance = new ConformanceRules(settings.PublicUri ?? mode.DemoDashboardUrl),
            LeaseNamespace = string.IsNullOrWhiteSpace(cluster.LeaseNamespace) ? null : cluster.LeaseNamespace,
        };
    }
}
