using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Core;

public sealed class ConformanceCheckerTests
{
    private static readonly TemplateShape s_good = new("ReserveIds", null, 1, "Kubernetes-Ingress", [], []);

    [Fact]
    public void A_template_following_the_conventions_has_no_problems()
    {
        ConformanceChecker.Check(s_good).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("General")]
    public void A_template_without_ReserveIds_is_an_error(string? strategy)
    {
        var problem = ConformanceChecker.Check(s_good with { ScaleDownStrategyType = strategy }).ShouldHaveSingleItem();

        problem.Code.ShouldBe(ConformanceCode.ReserveIdsRequired);
        problem.Severity.ShouldBe(ConformanceSeverity.Error);
    }

    [Fact]
    public void Deleting_volumes_on_scale_down_is_refused()
    {
        var problem = ConformanceChecker.Check(s_good with { PvcRetentionWhenScaled = "Delete" }).ShouldHaveSingleItem();

        problem.Code.ShouldBe(ConformanceCode.ScaleDownDeletesData);
        problem.Severity.ShouldBe(ConformanceSeverity.Error);
    }

    [Fact]
    public void No_volume_claim_template_is_a_warning()
    {
        var problem = ConformanceChecker.Check(s_good with { VolumeClaimTemplateCount = 0 }).ShouldHaveSingleItem();

        problem.Code.ShouldBe(ConformanceCode.NoDataVolume);
        problem.Severity.ShouldBe(ConformanceSeverity.Warning);
    }

    [Fact]
    public void A_non_ingress_network_is_a_warning_that_it_cannot_be_protected()
    {
        var problem = ConformanceChecker.Check(s_good with { NetworkType = "Kubernetes-HostPort" }).ShouldHaveSingleItem();

        problem.Severity.ShouldBe(ConformanceSeverity.Warning);
        problem.Message.ShouldContain("cannot be protected");
    }

    [Fact]
    public void A_bad_reserve_list_is_an_error()
    {
        ConformanceChecker.Check(s_good with { ReserveIdProblems = ["x"] }).ShouldHaveSingleItem().Code.ShouldBe(ConformanceCode.InvalidReserveIds);
    }

    [Fact]
    public void A_corrupt_ownership_record_is_an_error_naming_the_annotation()
    {
        var problem = ConformanceChecker.Check(s_good with { OwnershipProblems = ["expected a JSON object, found String"] }).ShouldHaveSingleItem();

        problem.Code.ShouldBe(ConformanceCode.InvalidOwnershipRecord);
        problem.Severity.ShouldBe(ConformanceSeverity.Error);
        problem.Message.ShouldContain(TemplateAnnotations.Owners);
    }

    [Fact]
    public void A_template_with_only_warnings_is_installable()
    {
        var template = TestTemplates.Template() with { Problems = ConformanceChecker.Check(s_good with { VolumeClaimTemplateCount = 0 }) };

        template.IsInstallable.ShouldBeTrue();
    }

    [Fact]
    public void A_template_with_an_error_is_not_installable()
    {
        var template = TestTemplates.Template() with { Problems = ConformanceChecker.Check(s_good with { ScaleDownStrategyType = "General" }) };

        template.IsInstallable.ShouldBeFalse();
    }
}
