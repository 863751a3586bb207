using System.Reflection;
using AigcGateway.Core.Instances;

namespace AigcGateway.Tests.Architecture;

/// <summary>
/// The rules of the house: only the Kubernetes adapter knows KubernetesClient's types; Core knows no ASP.NET; the
/// emulators serve demo mode only (Core never refers to them, Web only from <c>AigcGateway.Web.Demo</c>).
/// </summary>
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

    private const string EmulatorsNamespace = "AigcGateway.Emulators";
    private const string DemoNamespace = "AigcGateway.Web.Demo";

    private static bool IsEmulatorType(Type type) => type.Namespace?.StartsWith(EmulatorsNamespace, StringComparison.Ordinal) == true;

    private static bool IsIn(Type type, string ns) => type.Namespace == ns || type.Namespace?.StartsWith(ns + ".", StringComparison.Ordinal) == true;

    private static bool IsNestedIn(Type type, Type outer)
    {
        for (var at = type.DeclaringType; at is not null; at = at.DeclaringType)
        {
            if (at == outer)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The types of <paramref name="assembly"/> outside <paramref name="allowed"/> whose code (signatures and IL, lambdas and state machines included) uses an emulator type.</summary>
    private static List<string> EmulatorUsers(Assembly assembly, Func<Type, bool> allowed) =>
        [.. assembly.GetTypes()
            .Where(t => !t.IsNested && !allowed(t))
            .Select(t => CodeReferences.PathTo(t, IsEmulatorType, follow: used => IsNestedIn(used, t)))
            .OfType<IReadOnlyList<Type>>()
            .Select(path => string.Join(" -> ", path.Select(p => p.FullName)))];

    [Fact]
    public void Only_the_demo_in_web_uses_the_emulators()
    {
        var web = typeof(Program).Assembly;

        EmulatorUsers(web, t => IsIn(t, DemoNamespace))
            .ShouldBeEmpty("the emulators serve demo mode: only AigcGateway.Web.Demo (the demo environment and its pages) may use them");
    }

    [Fact]
    public void Core_does_not_know_the_emulators()
    {
        var core = typeof(IInstanceService).Assembly;

        core.GetReferencedAssemblies().Select(a => a.Name).ShouldNotContain(EmulatorsNamespace);
        EmulatorUsers(core, _ => false).ShouldBeEmpty();
    }

    [Fact]
    public void The_emulator_check_finds_a_use_in_a_lambda()
    {
        // the demo faults page calls the emulator from its buttons' lambdas (a closure class nested in the page)
        var paths = EmulatorUsers(typeof(Program).Assembly, t => !IsIn(t, DemoNamespace));

        paths.ShouldContain(path => path.StartsWith(typeof(AigcGateway.Web.Demo.DemoFaults).FullName + " -> ", StringComparison.Ordinal) && path.Contains("<>c", StringComparison.Ordinal));
    }
}
