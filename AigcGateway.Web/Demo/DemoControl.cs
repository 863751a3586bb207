namespace AigcGateway.Web.Demo;

/// <summary>
/// Gives the demo pages the running <see cref="DemoEnvironment"/> (which starts after the
/// host is built, so it cannot be a service itself); outside demo mode it stays empty.
/// </summary>
public sealed class DemoControl
{
    public DemoEnvironment? Environment { get; internal set; }
}
