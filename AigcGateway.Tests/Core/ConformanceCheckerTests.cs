using System.Collections.Immutable;
using System.Globalization;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Core;

public sealed class ConformanceCheckerTests
{
    private const string Gateway = "https://dashboard.example.com";
    private static readonly ConformanceRules Rules = new(new Uri(Gateway));

    private static ImmutableArray<NetworkSetting> Settings(
        string host = "sd-<id>.example.com",
        string path = "/",
        string pathType = "ImplementationSpecific",
        string? authUrl = Gateway + "/auth?host=$host",
        string? signin = Gateway + "/sign-in",
        string? responseHeaders = "X-Auth-Request-User,X-Auth-Request-Email,Cookie")
    {
        var settings = ImmutableArray.CreateBuilder<NetworkSetting>();
        settings.AddRange(new NetworkSetting("Port", "7860"), new("Host", host), new("PathType", pathType), new("Path", path));
        if (authUrl is not null)
        {
            settings.Add(new("Annotation", $"nginx.ingress.kubernetes.io/auth-url: {authUrl}"));
        }

        if (signin is not null)
        {
            settings.Add(new("Annotation", $"nginx.ingress.kubernetes.io/auth-signin: {signin}"));
        }

        if (responseHeaders is not null)
        {
            settings.Add(new("Annotation", $"nginx.ingress.kubernetes.io/auth-response-headers: {responseHeaders}"));
        }

        return settings.ToImmutable();
    }

    private static readonly TemplateShape s_good = new("ReserveIds", null, 1, new TemplateNetwork(TemplateNetwork.Ingress, Settings()), [], []);

    private static TemplateShape WithNetwork(ImmutableArray<NetworkSetting> settings) => s_good with { Network = new TemplateNetwork(TemplateNetwork.Ingress, settings) };

    private static ImmutableArray<ConformanceProblem> Check(TemplateShape shape) => ConformanceChecker.Check(shape, Rules);

    [Fact]
    public void A_template_following_the_conventions_has_no_problems()
    {
        Check(s_good).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("General")]
    public void A_template_without_ReserveIds_is_an_error(string? strategy)
    {
        var problem = Check(s_good with { ScaleDownStrategyType = strategy }).ShouldHaveSingleItem();

        problem.Code.ShouldBe(ConformanceCode.ReserveIdsRequired);
        problem.Severity.ShouldBe(ConformanceSeverity.Error);
    }

    [Fact]
    public void Deleting_volumes_on_scale_down_is_refused()
    {
        var problem = Check(s_good with { PvcRetentionWhenScaled = "Delete" }).ShouldHaveSingleItem();

        problem.Code.ShouldBe(ConformanceCode.ScaleDownDeletesData);
        problem.Severity.ShouldBe(ConformanceSeverity.Error);
    }

    [Fact]
    public void No_volume_claim_template_is_a_warning()
    {
        var problem = Check(s_good with { VolumeClaimTemplateCount = 0 }).ShouldHaveSingleItem();

        problem.Code.ShouldBe(ConformanceCode.NoDataVolume);
        problem.Severity.ShouldBe(ConformanceSeverity.Warning);
    }

    [Fact]
    public void A_non_ingress_network_is_a_warning_that_it_cannot_be_protected()
    {
        var problem = Check(s_good with { Network = new TemplateNetwork("Kubernetes-HostPort", []) }).ShouldHaveSingleItem();

        problem.Severity.ShouldBe(ConformanceSeverity.Warning);
        problem.Message.ShouldContain("cannot be protected");
    }

    [Fact]
    public void A_bad_reserve_list_is_an_error()
    {
        Check(s_good with { ReserveIdProblems = ["x"] }).ShouldHaveSingleItem().Code.ShouldBe(ConformanceCode.InvalidReserveIds);
    }

    [Fact]
    public void A_corrupt_ownership_record_is_an_error_naming_the_annotation()
    {
        var problem = ConformanceChecker.Check(s_good with { OwnershipProblems = ["expected a JSON object, found String"] }, Rules).ShouldHaveSingleItem();

        problem.Code.ShouldBe(ConformanceCode.InvalidOwnershipRecord);
        problem.Severity.ShouldBe(ConformanceSeverity.Error);
        problem.Message.ShouldContain(TemplateAnnotations.Owners);
    }

    [Fact]
    public void A_template_with_only_warnings_is_installable()
    {
        var template = TestTemplates.Template() with { Problems = Check(s_good with { VolumeClaimTemplateCount = 0 }) };

        template.IsInstallable.ShouldBeTrue();
    }

    [Fact]
    public void A_template_with_an_error_is_not_installable()
    {
        var template = TestTemplates.Template() with { Problems = Check(s_good with { ScaleDownStrategyType = "General" }) };

        template.IsInstallable.ShouldBeFalse();
    }

    /// <summary>Issue #22, F3: an Ingress template that does not make ingress-nginx ask this gateway is not protected.</summary>
    public static TheoryData<string, ConformanceCode, string> Unprotected => new()
    {
        { "no auth-url", ConformanceCode.AuthUrlMissing, "no-auth-url" },
        { "auth-url of another gateway", ConformanceCode.AuthUrlElsewhere, "https://other.example.com/auth?host=$host" },
        { "auth-url on another path", ConformanceCode.AuthUrlElsewhere, Gateway + "/oauth2/auth?host=$host" },
        { "auth-url that is not a URL", ConformanceCode.AuthUrlElsewhere, "dashboard.example.com/auth" },
        { "auth-url without the host binding", ConformanceCode.HostBindingMissing, Gateway + "/auth" },
        { "auth-url bound to the Host header", ConformanceCode.HostBindingMissing, Gateway + "/auth?host=$http_host" },
        { "auth-url with two host parameters", ConformanceCode.HostBindingMissing, Gateway + "/auth?host=$host&host=$host" },
    };

    [Theory]
    [MemberData(nameof(Unprotected))]
    public void An_auth_url_that_does_not_ask_this_gateway_bound_to_the_server_block_is_an_error(string why, ConformanceCode code, string authUrl)
    {
        var problems = Check(WithNetwork(Settings(authUrl: authUrl == "no-auth-url" ? null : authUrl)));

        var problem = problems.ShouldHaveSingleItem(why);
        problem.Code.ShouldBe(code, why);
        problem.Severity.ShouldBe(ConformanceSeverity.Error);
        (TestTemplates.Template() with { Problems = problems }).IsProtected.ShouldBeFalse(why);
    }

    [Fact]
    public void The_message_says_what_the_auth_url_names_and_what_to_write()
    {
        var message = Check(WithNetwork(Settings(authUrl: "https://other.example.com/oauth2/auth"))).ShouldHaveSingleItem().Message;

        message.ShouldContain("other.example.com");
        message.ShouldContain("/oauth2/auth");
        message.ShouldContain("dashboard.example.com");
        message.ShouldContain("https://dashboard.example.com/auth?host=$host");
    }

    [Theory]
    [InlineData(null, ConformanceCode.AuthSigninMissing)]
    [InlineData("https://other.example.com/sign-in", ConformanceCode.AuthSigninElsewhere)]
    [InlineData(Gateway + "/login", ConformanceCode.AuthSigninElsewhere)]
    public void An_auth_signin_that_is_not_this_gateways_sign_in_is_an_error(string? signin, ConformanceCode code)
    {
        var problems = Check(WithNetwork(Settings(signin: signin)));

        problems.ShouldHaveSingleItem().Code.ShouldBe(code);
        (TestTemplates.Template() with { Problems = problems }).IsProtected.ShouldBeFalse();
    }

    [Fact]
    public void Host_comparison_ignores_case_and_port_and_the_gateway_url_may_be_unknown()
    {
        Check(WithNetwork(Settings(authUrl: "HTTPS://Dashboard.Example.COM:443/auth?host=$host"))).ShouldBeEmpty();
        ConformanceChecker.Check(WithNetwork(Settings(authUrl: "https://any.example.com/auth?host=$host")), ConformanceRules.Unknown).ShouldBeEmpty();
    }

    [Fact]
    public void Without_id_in_host_or_path_every_instance_shares_one_address()
    {
        var problem = Check(WithNetwork(Settings(host: "sd.example.com"))).ShouldHaveSingleItem();

        problem.Code.ShouldBe(ConformanceCode.InstanceIdMissing);
        problem.Severity.ShouldBe(ConformanceSeverity.Error);
    }

    [Theory]
    [InlineData("/u-<id>", "ImplementationSpecific", false)]
    [InlineData("/u/<id>x/", "ImplementationSpecific", false)]
    [InlineData("/u-<id>", "", false)]
    [InlineData("/u-<id>/", "ImplementationSpecific", true)]
    [InlineData("/u-<id>/app", "ImplementationSpecific", true)]
    [InlineData("/u-<id>", "Prefix", true)]
    [InlineData("/u-<id>", "Exact", true)]
    public void A_path_where_one_instance_prefix_matches_another_is_an_error(string path, string pathType, bool conforms)
    {
        var settings = Settings(host: "gpu.example.com", path: path, pathType: pathType);
        if (pathType.Length == 0)
        {
            settings = settings.RemoveAll(s => s.Name == "PathType");
        }

        var problems = Check(WithNetwork(settings));

        if (conforms)
        {
            problems.ShouldBeEmpty();
        }
        else
        {
            problems.ShouldHaveSingleItem().Code.ShouldBe(ConformanceCode.PathPrefixAmbiguous);
            problems[0].Severity.ShouldBe(ConformanceSeverity.Error);
        }
    }

    [Fact]
    public void A_second_path_takes_the_first_path_type_as_OKG_does()
    {
        var settings = Settings(host: "gpu.example.com", path: "/u-<id>/", pathType: "ImplementationSpecific").Add(new("Path", "/api-<id>"));

        Check(WithNetwork(settings)).ShouldHaveSingleItem().Arguments.ShouldBe(["/api-<id>", "ImplementationSpecific"]);
    }

    [Theory]
    [InlineData(null, new[] { ConformanceCode.IdentityHeaderNotReplaced, ConformanceCode.AccessCookieReachesEngine })]
    [InlineData("X-Auth-Request-User", new[] { ConformanceCode.AccessCookieReachesEngine })]
    [InlineData("cookie, x-auth-request-user", new ConformanceCode[0])]
    public void Response_headers_that_leave_identity_or_cookies_to_the_client_are_warnings(string? headers, ConformanceCode[] codes)
    {
        var problems = Check(WithNetwork(Settings(responseHeaders: headers)));

        problems.Select(p => p.Code).ShouldBe(codes);
        problems.ShouldAllBe(p => p.Severity == ConformanceSeverity.Warning);
        (TestTemplates.Template() with { Problems = problems }).IsProtected.ShouldBeTrue();
    }

    public static TheoryData<ConformanceCode> Codes => [.. Enum.GetValues<ConformanceCode>()];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_problem_reads_in_english_and_chinese(ConformanceCode code)
    {
        var problem = new ConformanceProblem(code, ConformanceSeverity.Error, "a", "b", "c", "d", "e");

        var en = ConformanceText.Describe(problem, CultureInfo.GetCultureInfo("en-US"));
        var zh = ConformanceText.Describe(problem, CultureInfo.GetCultureInfo("zh-Hans"));

        en.ShouldNotBe(code.ToString());
        zh.ShouldNotBe(en);
    }
}
