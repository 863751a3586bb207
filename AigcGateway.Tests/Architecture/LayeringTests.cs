using System.Reflection;
using AigcGateway.Core.Instances;

namespace AigcGateway.Tests.Architecture;

/// <summary>The rules of the house: only the Kubernetes adapter knows KubernetesClient's types; Core knows no ASP.NET.</summary>
public sealed class LayeringTests
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        yield return type.BaseType ?? typeof(object);
        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (var field in type.GetFields(All))
        {
            yield return field.FieldType;
        }

        foreach (var property in type.GetProperties(All))
        {
            yield return property.PropertyType;
        }

        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info)
            {
                yield return info.ReturnType;
            }

            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }
        }
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var inner in Expand(type.GetElementType()!))
            {
                yield return inner;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return inner;
            }
        }
    }

    private static List<string> Offenders(Assembly assembly, Func<Type, bool> allowed, string forbiddenNamespace) =>
        [.. assembly.GetTypes()
            .Where(t => !allowed(t))
            .SelectMany(t => SignatureTypes(t).SelectMany(Expand).Where(s => s.Namespace?.StartsWith(forbiddenNamespace, StringComparison.Ordinal) == true)
                .Select(s => $"{t.FullName} uses {s.FullName}"))
            .Distinct()];

    [Fact]
    public void Only_the_kubernetes_adapter_in_core_uses_kubernetes_client_types()
    {
        var core = typeof(IInstanceService).Assembly;
        var web = typeof(Program).Assembly;

        Offenders(core, t => t.Namespace?.StartsWith("AigcGateway.Core.Kubernetes", StringComparison.Ordinal) == true, "k8s").ShouldBeEmpty();
        Offenders(web, _ => false, "k8s").ShouldBeEmpty();
    }

    [Fact]
    public void Core_references_no_asp_net_and_no_ui()
    {
        var references = typeof(IInstanceService).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.ShouldNotContain(name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        references.ShouldNotContain(name => name.StartsWith("MudBlazor", StringComparison.Ordinal));
    }
}
