using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;

namespace AigcGateway.Web.Demo;

/// <summary>
/// The demo's Blazor pages (this namespace, e.g. <c>/demo/faults</c>) exist in demo mode only. Blazor maps every page of
/// the assembly, so outside demo mode their endpoints answer 404 to everyone, before authentication, as an unknown URL does.
/// </summary>
public static class DemoPages
{
    public static TBuilder OnlyInDemoMode<TBuilder>(this TBuilder pages, bool demoMode)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (!demoMode)
        {
            pages.Add(endpoint =>
            {
                if (endpoint.Metadata.OfType<ComponentTypeMetadata>().Any(m => m.Type.Namespace == typeof(DemoPages).Namespace))
                {
                    Remove(endpoint);
                }
            });
        }

        return pages;
    }

    private static void Remove(EndpointBuilder endpoint)
    {
        for (var i = endpoint.Metadata.Count - 1; i >= 0; i--)
        {
            if (endpoint.Metadata[i] is IAuthorizeData)
            {
                endpoint.Metadata.RemoveAt(i);
            }
        }

        endpoint.RequestDelegate = context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        };
    }
}
