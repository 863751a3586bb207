using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Core.DependencyInjection;

/// <summary>Explicit decoration: the registration of a service is replaced by one that wraps it.</summary>
public static class ServiceDecoration
{
    /// <summary>
    /// Replaces the one registration of <typeparamref name="TService"/> with <paramref name="decorate"/> around it, keeping
    /// its lifetime. Throws when <typeparamref name="TService"/> is not registered exactly once (the decorator would
    /// otherwise wrap nothing, or be chosen by the order of registrations).
    /// </summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(decorate);
        var registrations = services.Where(d => d.ServiceType == typeof(TService)).ToList();
        if (registrations.Count != 1)
        {
            throw new InvalidOperationException($"{typeof(TService).Name} must be registered exactly once to be decorated; it is registered {registrations.Count} times.");
        }

        var inner = registrations[0];
        services.Remove(inner);
        services.Add(new ServiceDescriptor(typeof(TService), sp => decorate((TService)Create(inner, sp), sp), inner.Lifetime));
        return services;
    }

    private static object Create(ServiceDescriptor inner, IServiceProvider services) =>
        inner.ImplementationInstance
        ?? inner.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, inner.ImplementationType!);
}
