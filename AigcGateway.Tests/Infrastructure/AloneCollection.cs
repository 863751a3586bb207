namespace AigcGateway.Tests.Infrastructure;

/// <summary>
/// Tests that measure throughput run by themselves, after the parallel part of the suite: with the rest of the suite
/// running beside them on two cores, their time budget measured the other tests, not the code under test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
