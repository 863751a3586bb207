using AigcGateway.Web.Configuration;

namespace AigcGateway.Tests.Idle;

/// <summary>The <c>Idle</c> section is validated at start-up, every problem naming its key.</summary>
public sealed class IdlePolicyOptionsTests
{
    private static IReadOnlyList<string> Problems(IdlePolicyOptions options, bool demo = false)
    {
        var result = new IdlePolicyOptionsValidator(new GatewayMode(demo)).Validate(null, options);
        return result.Failed ? [.. result.Failures] : [];
    }

    [Fact]
    public void Nothing_set_is_valid_and_pauses_nothing_by_default()
    {
        Problems(new IdlePolicyOptions()).ShouldBeEmpty();
    }

    [Fact]
    public void A_default_timeout_of_minutes_is_for_the_demo_only()
    {
        var options = new IdlePolicyOptions { DefaultTimeout = TimeSpan.FromMinutes(2) };

        Problems(options).ShouldHaveSingleItem().ShouldContain("Idle:DefaultTimeout");
        Problems(options, demo: true).ShouldBeEmpty();
        Problems(new IdlePolicyOptions { DefaultTimeout = TimeSpan.FromHours(2) }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("https://prometheus.monitoring.svc:9090", true)]
    [InlineData("http://127.0.0.1:9090/prometheus/", true)]
    [InlineData("prometheus:9090", false)]
    [InlineData("ftp://prometheus", false)]
    [InlineData("https://user:secret@prometheus", false)]
    [InlineData("https://prometheus/?query=up", false)]
    public void The_prometheus_url_is_an_absolute_http_url_without_credentials(string url, bool valid)
    {
        var problems = Problems(new IdlePolicyOptions { PrometheusUrl = url });

        (problems.Count == 0).ShouldBe(valid, string.Join("; ", problems));
        if (!valid)
        {
            problems.ShouldHaveSingleItem().ShouldContain("Idle:PrometheusUrl");
        }
    }

    [Fact]
    public void A_missing_ca_file_is_reported()
    {
        Problems(new IdlePolicyOptions { PrometheusCaFile = "/nonexistent/ca.pem" }).ShouldHaveSingleItem().ShouldContain("Idle:PrometheusCaFile");
    }
}
