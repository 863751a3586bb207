using System.Reflection;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Architecture;

/// <summary>
/// <c>./test.sh --fast</c> leaves out the classes marked slow: a class that starts a browser, nginx, a process (helm,
/// kubectl, dotnet), an emulator or the whole app must carry the mark, and a class without any of that must not.
/// </summary>
public sealed class TestCategoryTests
{
    /// <summary>What makes a test slow: found anywhere in the code a test class runs (through the test assembly's helpers).</summary>
    private static readonly string[] SlowTypes =
    [
        "Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory`1",
        "AigcGateway.Emulators.Kubernetes.KubernetesEmulator",
        "AigcGateway.Emulators.Logto.LogtoEmulator",
        "AigcGateway.Tests.Infrastructure.NginxIngress",
        "System.Diagnostics.Process",
    ];

    private static readonly string[] SlowNamespaces = ["Microsoft.Playwright"];

    private static bool IsSlow(Type type) =>
        SlowTypes.Contains(type.FullName, StringComparer.Ordinal)
        || SlowNamespaces.Any(ns => type.Namespace?.StartsWith(ns, StringComparison.Ordinal) == true);

    /// <summary>How the class reaches something slow (through helpers, not through other test classes); null if it does not.</summary>
    private static IReadOnlyList<Type>? SlowPath(Type testClass) => CodeReferences.PathTo(testClass, IsSlow, follow: t => !IsTestClass(t));

    private static bool IsTestClass(Type type) => type.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any());

    private static IEnumerable<Type> TestClasses() => typeof(TestCategoryTests).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && !t.IsNested && IsTestClass(t));

    private static bool IsMarkedSlow(Type type) =>
        type.GetCustomAttributes<TraitAttribute>().Any(t => t is { Name: TestCategory.Name, Value: TestCategory.Slow });

    [Fact]
    public void Every_test_class_that_starts_something_slow_is_marked_slow()
    {
        var unmarked = TestClasses()
            .Where(t => !IsMarkedSlow(t))
            .Select(t => (Class: t, Path: SlowPath(t)))
            .Where(c => c.Path is not null)
            .Select(c => $"{c.Class.FullName} (via {string.Join(" -> ", c.Path!.Select(p => p.Name))})")
            .ToList();

        unmarked.ShouldBeEmpty($"add [Trait(TestCategory.Name, TestCategory.Slow)] to these classes, or ./test.sh --fast runs them:\n{string.Join('\n', unmarked)}");
    }

    [Fact]
    public void No_test_class_is_marked_slow_without_starting_something_slow()
    {
        var needless = TestClasses()
            .Where(t => IsMarkedSlow(t) && SlowPath(t) is null)
            .Select(t => t.FullName)
            .ToList();

        needless.ShouldBeEmpty("these classes start nothing slow; without the mark ./test.sh --fast runs them too");
    }

    [Fact]
    public void The_check_finds_slow_work_in_a_helper_a_lambda_and_an_async_method()
    {
        // helm runs in a helper (Helm), called from an async test method (its state machine is a nested type)
        SlowPath(typeof(Charts.ChartLintTests))!.Select(t => t.Name).ShouldContain(nameof(Charts.Helm));
        // the emulator is reached from a lambda (a closure class)
        SlowPath(typeof(Emulator.WatchTests))!.ShouldContain(t => t.Name.StartsWith("<>c", StringComparison.Ordinal));
        SlowPath(typeof(Core.DiagnoserTests)).ShouldBeNull();
    }
}
