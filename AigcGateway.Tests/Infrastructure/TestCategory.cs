namespace AigcGateway.Tests.Infrastructure;

/// <summary>
/// The trait that sorts test classes for <c>./test.sh --fast</c>: classes that start a browser, nginx, helm or another
/// process, the Kubernetes or Logto emulator, or the whole app (WebApplicationFactory) carry
/// <c>[Trait(TestCategory.Name, TestCategory.Slow)]</c>; <c>Architecture/TestCategoryTests</c> checks that none is missed.
/// </summary>
public static class TestCategory
{
    public const string Name = "Category";

    public const string Slow = "Slow";
}
