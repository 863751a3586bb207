namespace AigcGateway.Bench;

/// <summary>One printed figure: what was measured, its value with unit, the goal (if any) and whether it was met.</summary>
internal sealed record Figure(string Benchmark, string Name, string Value, string Goal = "-", bool? Passed = null)
{
    public string Verdict => Passed switch
    {
        true => "PASS",
        false => "FAIL",
        null => "",
    };
}
