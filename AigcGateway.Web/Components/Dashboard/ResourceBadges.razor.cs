using AigcGateway.Core.Templates;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>What one instance of a template gets: GPU (count and type, or shared GPU memory), CPU, memory, data volume.</summary>
public sealed partial class ResourceBadges
{
    [Inject] public required IStringLocalizer<Strings> L { get; init; }

    [Parameter, EditorRequired]
    public required Template Template { get; set; }

    private List<(string Kind, string Icon, string Text)> Badges => Of(Template, L);

    /// <summary>The badge texts, e.g. for the install confirmation.</summary>
    public static IReadOnlyList<string> Describe(Template template, IStringLocalizer<Strings> l) =>
        [.. Of(template, l).Select(b => b.Text)];

    private static List<(string Kind, string Icon, string Text)> Of(Template template, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(l);
        var r = template.Resources;
        var badges = new List<(string, string, string)>();
        if (r.GpuCount > 0)
        {
            badges.Add(("gpu", Icons.Material.Filled.DeveloperBoard, template.GpuType is { } type
                ? l["Catalog_Badge_GpuOfType", r.GpuCount.Value, type]
                : l["Catalog_Badge_Gpu", r.GpuCount.Value]));
        }
        else if (r.GpuMemoryGiB > 0)
        {
            badges.Add(("gpu", Icons.Material.Filled.DeveloperBoard, template.GpuType is { } type
                ? l["Catalog_Badge_SharedGpuOfType", r.GpuMemoryGiB.Value, type]
                : l["Catalog_Badge_SharedGpu", r.GpuMemoryGiB.Value]));
        }

        if (r.Cpu is { } cpu)
        {
            badges.Add(("cpu", Icons.Material.Filled.Speed, l["Catalog_Badge_Cpu", Quantities.Cores(cpu)]));
        }

        if (r.Memory is { } memory)
        {
            badges.Add(("memory", Icons.Material.Filled.Memory, l["Catalog_Badge_Memory", Quantities.Bytes(memory)]));
        }

        if (r.DataVolumeSize is { } volume)
        {
            badges.Add(("volume", Icons.Material.Filled.Storage, l["Catalog_Badge_Volume", Quantities.Bytes(volume)]));
        }

        return badges;
    }
}
