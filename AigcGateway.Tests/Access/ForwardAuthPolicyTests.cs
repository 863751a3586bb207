using AigcGateway.Core.Access;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Access;

public sealed class ForwardAuthPolicyTests
{
    private static readonly AccessIdentity Alice = new("alice0000001", "alice@example.com");
    private static readonly TemplateRef SdGpu = new("aigc", "sd-gpu");
    private static readonly TemplateRef Lab = new("aigc", "lab");

    private static readonly ForwardAuthIndex Index = ForwardAuthIndex.Build(
    [
        new(new InstanceRef(SdGpu, 1), "alice0000001", "sd-gpu-1.aigc.test", "/"),
        new(new InstanceRef(SdGpu, 11), "bob000000002", "sd-gpu-11.aigc.test", "/"),
        new(new InstanceRef(SdGpu, 2), "bob000000002", "sd-gpu-2.aigc.test", "/"),
        new(new InstanceRef(Lab, 1), "alice0000001", "lab.aigc.test", "/u/1"),
        new(new InstanceRef(Lab, 11), "bob000000002", "lab.aigc.test", "/u/11"),
        new(new InstanceRef(Lab, 2), "bob000000002", "lab.aigc.test", "/u/2/"),
        new(new InstanceRef(SdGpu, 5), "bob000000002", "bücher-5.aigc.test", "/"),
        new(new InstanceRef(SdGpu, 7), "alice0000001", "twin.aigc.test", "/"),
        new(new InstanceRef(SdGpu, 8), "bob000000002", "twin.aigc.test", "/"),
    ]);

    private static ForwardAuthDecision Decide(AccessIdentity? who, string[]? originalUrl = null, string[]? host = null, string[]? uri = null) =>
        ForwardAuthPolicy.Decide(who, originalUrl ?? [], host ?? [], uri ?? [], Index);

    /// <summary>Original URLs that alice may open: her own instances, however the address is spelled.</summary>
    public static TheoryData<string> OwnAddresses => new()
    {
        "https://sd-gpu-1.aigc.test/",
        "https://sd-gpu-1.aigc.test",
        "http://sd-gpu-1.aigc.test/",
        "https://sd-gpu-1.aigc.test/assets/app.js?v=3",
        "https://SD-GPU-1.AIGC.TEST/",
        "https://sd-gpu-1.aigc.test./",
        "https://sd-gpu-1.aigc.test:443/",
        "https://sd-gpu-1.aigc.test:8443/x",
        "https://sd-gpu-1.aigc.test/a/../b/./c",
        "https://sd-gpu-1.aigc.test/?next=https://sd-gpu-2.aigc.test/",
        "https://lab.aigc.test/u/1",
        "https://lab.aigc.test/u/1/",
        "https://lab.aigc.test/u/1/queue/join?x=/u/2",
        "https://lab.aigc.test//u//1/x",
        "https://lab.aigc.test/u/2/../1/",
        "https://lab.aigc.test/u/%31/",
    };

    [Theory]
    [MemberData(nameof(OwnAddresses))]
    public void The_owner_is_allowed_into_her_instance(string url)
    {
        var decision = Decide(Alice, [url]);

        decision.Outcome.ShouldBe(ForwardAuthOutcome.Allowed, decision.Reason);
        decision.Instance!.Template.ShouldBeOneOf(SdGpu, Lab);
        decision.Instance.Id.ShouldBe(1);
    }

    /// <summary>Attempts by alice on addresses that are not hers: none may be allowed.</summary>
    public static TheoryData<string, string> ForeignAddresses => new()
    {
        { "substring bypass of the original gateway", "https://sd-gpu-2.aigc.test/?x=sd-gpu-1.aigc.test" },
        { "own host in the path", "https://sd-gpu-2.aigc.test/sd-gpu-1.aigc.test/" },
        { "own host in the fragment", "https://sd-gpu-2.aigc.test/#sd-gpu-1.aigc.test" },
        { "id 1 versus 11", "https://sd-gpu-11.aigc.test/" },
        { "id 1 versus 11 with a port", "https://sd-gpu-11.aigc.test:443/" },
        { "own host as user-info", "https://sd-gpu-1.aigc.test@sd-gpu-2.aigc.test/" },
        { "own host as user and password", "https://sd-gpu-1.aigc.test:pw@sd-gpu-2.aigc.test/" },
        { "own host as a subdomain of another", "https://sd-gpu-1.aigc.test.sd-gpu-2.aigc.test/" },
        { "own host as a prefix", "https://sd-gpu-1.aigc.test.evil.example/" },
        { "own host as a suffix", "https://evil-sd-gpu-1.aigc.test/" },
        { "unknown host", "https://sd-gpu-3.aigc.test/" },
        { "upper-case foreign host", "https://SD-GPU-2.AIGC.TEST/" },
        { "trailing dot on a foreign host", "https://sd-gpu-2.aigc.test./" },
        { "two trailing dots", "https://sd-gpu-1.aigc.test../" },
        { "percent-encoded host", "https://%73d-gpu-1.aigc.test/" },
        { "percent-encoded dot in host", "https://sd-gpu-1%2eaigc.test/" },
        { "backslash in host", "https://sd-gpu-1.aigc.test\\@sd-gpu-2.aigc.test/" },
        { "IDN host of someone else, unicode", "https://bücher-5.aigc.test/" },
        { "IDN host of someone else, punycode", "https://xn--bcher-5-n2a.aigc.test/" },
        { "IDN host with a homoglyph of her host", "https://sd-gрu-1.aigc.test/" },
        { "IP literal", "https://[::1]/" },
        { "IPv4 address", "https://127.0.0.1/" },
        { "not a number as port", "https://sd-gpu-1.aigc.test:abc/" },
        { "port out of range", "https://sd-gpu-1.aigc.test:99999/" },
        { "no scheme", "sd-gpu-1.aigc.test/" },
        { "scheme-relative", "//sd-gpu-1.aigc.test/" },
        { "javascript scheme", "javascript://sd-gpu-1.aigc.test/%0aalert(1)" },
        { "ftp scheme", "ftp://sd-gpu-1.aigc.test/" },
        { "empty host", "https:///" },
        { "whitespace in host", "https://sd-gpu-1.aigc.test /" },
        { "path-based: 1 versus 11", "https://lab.aigc.test/u/11" },
        { "path-based: 1 versus 11 with a slash", "https://lab.aigc.test/u/11/" },
        { "path-based: another id", "https://lab.aigc.test/u/2/" },
        { "path-based: traversal from own prefix", "https://lab.aigc.test/u/1/../2/" },
        { "path-based: encoded traversal", "https://lab.aigc.test/u/1/%2e%2e/2/" },
        { "path-based: upper-case encoded traversal", "https://lab.aigc.test/u/1/%2E%2E/2/" },
        { "path-based: encoded slash", "https://lab.aigc.test/u/1%2f..%2f2/" },
        { "path-based: encoded slashes climbing into her own prefix", "https://lab.aigc.test/u/2%2f..%2f1/" },
        { "path-based: upper-case encoded slash into her own prefix", "https://lab.aigc.test/u%2F1" },
        { "path-based: encoded slash as the only separator", "https://lab.aigc.test/u%2f1/x" },
        { "path-based: double encoding", "https://lab.aigc.test/u/1/%252e%252e/2/" },
        { "path-based: backslash traversal", "https://lab.aigc.test/u/1/..\\2/" },
        { "path-based: encoded backslash", "https://lab.aigc.test/u/1/..%5c2/" },
        { "path-based: encoded NUL", "https://lab.aigc.test/u/1%00/../2/" },
        { "path-based: climbing above the root", "https://lab.aigc.test/../../u/1" },
        { "path-based: own id in the query of another", "https://lab.aigc.test/u/2/?p=/u/1" },
        { "path-based: root of the shared host", "https://lab.aigc.test/" },
        { "path-based: id as prefix of a longer segment", "https://lab.aigc.test/u/1x" },
        { "path-based: broken escape", "https://lab.aigc.test/u/1/%zz" },
        { "two instances published at one host", "https://twin.aigc.test/" },
        { "empty original URL", "" },
        { "only spaces", "   " },
    };

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    public void No_one_but_the_owner_is_allowed(string attack, string url)
    {
        var decision = Decide(Alice, [url]);

        decision.Outcome.ShouldBe(ForwardAuthOutcome.Forbidden, $"{attack}: {decision.Reason}");
    }

    [Fact]
    public void Without_a_cookie_the_answer_is_401_so_nginx_sends_the_browser_to_sign_in()
    {
        Decide(null, ["https://sd-gpu-1.aigc.test/"]).Outcome.ShouldBe(ForwardAuthOutcome.Unauthenticated);
    }

    [Fact]
    public void An_identity_without_a_user_id_is_not_signed_in()
    {
        Decide(new AccessIdentity("", null), ["https://sd-gpu-1.aigc.test/"]).Outcome.ShouldBe(ForwardAuthOutcome.Unauthenticated);
    }

    [Fact]
    public void Without_any_address_header_the_request_is_forbidden()
    {
        Decide(Alice).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
    }

    [Fact]
    public void A_duplicated_original_url_header_is_forbidden_even_when_both_are_hers()
    {
        Decide(Alice, ["https://sd-gpu-1.aigc.test/", "https://sd-gpu-1.aigc.test/"]).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
    }

    [Fact]
    public void A_duplicated_original_url_header_cannot_smuggle_a_foreign_address()
    {
        Decide(Alice, ["https://sd-gpu-1.aigc.test/", "https://sd-gpu-2.aigc.test/"]).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
    }

    [Fact]
    public void The_forwarded_host_and_uri_headers_are_used_when_the_original_url_is_absent()
    {
        Decide(Alice, host: ["sd-gpu-1.aigc.test"], uri: ["/x"]).Outcome.ShouldBe(ForwardAuthOutcome.Allowed);
        Decide(Alice, host: ["lab.aigc.test"], uri: ["/u/1/a"]).Outcome.ShouldBe(ForwardAuthOutcome.Allowed);
    }

    [Fact]
    public void The_original_url_wins_over_forwarded_headers()
    {
        Decide(Alice, ["https://sd-gpu-2.aigc.test/"], host: ["sd-gpu-1.aigc.test"], uri: ["/"]).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
    }

    [Theory]
    [InlineData("sd-gpu-2.aigc.test", "/")]
    [InlineData("sd-gpu-1.aigc.test, sd-gpu-2.aigc.test", "/")]
    [InlineData("lab.aigc.test", "/u/11")]
    [InlineData("lab.aigc.test", "u/1")]
    [InlineData("", "/")]
    public void Forwarded_headers_get_the_same_scrutiny(string host, string uri)
    {
        Decide(Alice, host: [host], uri: [uri]).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
    }

    [Fact]
    public void Duplicated_forwarded_host_headers_are_forbidden()
    {
        Decide(Alice, host: ["sd-gpu-1.aigc.test", "sd-gpu-2.aigc.test"], uri: ["/"]).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
    }

    [Fact]
    public void Bob_is_allowed_into_his_own_idn_instance_by_its_ascii_name_and_alice_is_not()
    {
        var bob = new AccessIdentity("bob000000002", null);

        Decide(bob, ["https://xn--bcher-5-n2a.aigc.test/"]).Outcome.ShouldBe(ForwardAuthOutcome.Allowed);
        Decide(Alice, ["https://xn--bcher-5-n2a.aigc.test/"]).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
        // Browsers send the ASCII (punycode) name; a raw non-ASCII request target is not one (issue #22, F7).
        Decide(bob, ["https://bücher-5.aigc.test/"]).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
    }

    [Fact]
    public void The_owner_comparison_is_exact()
    {
        Decide(new AccessIdentity("ALICE0000001", null), ["https://sd-gpu-1.aigc.test/"]).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
        Decide(new AccessIdentity("alice000000", null), ["https://sd-gpu-1.aigc.test/"]).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
    }

    [Fact]
    public void The_index_leaves_out_endpoints_it_cannot_normalise_and_ambiguous_ones()
    {
        Index.Count.ShouldBe(7);
        ForwardAuthIndex.Empty.Count.ShouldBe(0);
    }

    [Fact]
    public void Administrators_open_other_users_instances_only_when_the_operator_allows_it()
    {
        var admin = new AccessIdentity("admin0000003", null, IsAdministrator: true);
        string[] bobs = ["https://sd-gpu-2.aigc.test/"];

        ForwardAuthPolicy.Decide(admin, bobs, [], [], Index).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
        ForwardAuthPolicy.Decide(admin, bobs, [], [], Index, allowAdministrators: true).Outcome.ShouldBe(ForwardAuthOutcome.Allowed);
        ForwardAuthPolicy.Decide(Alice, bobs, [], [], Index, allowAdministrators: true).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
        ForwardAuthPolicy.Decide(admin, ["https://sd-gpu-3.aigc.test/"], [], [], Index, allowAdministrators: true).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
    }

    private static ForwardAuthDecision Bound(string url, string[] boundHost, bool required = false, string[]? forwardedHost = null) =>
        ForwardAuthPolicy.Decide(Alice, forwardedHost is null ? [url] : [], forwardedHost ?? [], forwardedHost is null ? [] : [url], Index, boundHost: boundHost, requireHostBinding: required);

    [Theory]
    [InlineData("sd-gpu-1.aigc.test")]
    [InlineData("SD-GPU-1.aigc.test")]
    [InlineData("sd-gpu-1.aigc.test.")]
    [InlineData("sd-gpu-1.aigc.test:8443")]
    public void The_owner_is_allowed_when_the_server_blocks_host_is_the_original_urls_host(string host)
    {
        Bound("https://sd-gpu-1.aigc.test:8443/x", [host]).Outcome.ShouldBe(ForwardAuthOutcome.Allowed);
    }

    /// <summary>kubernetes/ingress-nginx#5464: the request line named another host than the Host header.</summary>
    [Theory]
    [InlineData("https://sd-gpu-1.aigc.test/x", "sd-gpu-2.aigc.test")]
    [InlineData("https://lab.aigc.test/u/1/x", "sd-gpu-2.aigc.test")]
    [InlineData("https://sd-gpu-1.aigc.test/x", "sd-gpu-1.aigc.test.sd-gpu-2.aigc.test")]
    [InlineData("https://sd-gpu-1.aigc.test/x", "")]
    [InlineData("https://sd-gpu-1.aigc.test/x", "$host")]
    [InlineData("https://sd-gpu-1.aigc.test/x", "sd-gpu-1.aigc.test/")]
    public void A_server_block_host_other_than_the_original_urls_host_is_forbidden(string url, string host)
    {
        var decision = Bound(url, [host]);

        decision.Outcome.ShouldBe(ForwardAuthOutcome.Forbidden, decision.Reason);
    }

    [Fact]
    public void The_binding_holds_for_the_forwarded_host_headers_too()
    {
        Bound("/x", ["sd-gpu-1.aigc.test"], forwardedHost: ["sd-gpu-1.aigc.test"]).Outcome.ShouldBe(ForwardAuthOutcome.Allowed);
        Bound("/x", ["sd-gpu-2.aigc.test"], forwardedHost: ["sd-gpu-1.aigc.test"]).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
    }

    [Fact]
    public void A_host_parameter_given_twice_is_forbidden_even_when_both_match()
    {
        Bound("https://sd-gpu-1.aigc.test/", ["sd-gpu-1.aigc.test", "sd-gpu-1.aigc.test"]).Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
    }

    [Fact]
    public void Without_the_host_parameter_legacy_templates_are_decided_as_before_unless_the_binding_is_required()
    {
        Bound("https://sd-gpu-1.aigc.test/", []).Outcome.ShouldBe(ForwardAuthOutcome.Allowed);

        var decision = Bound("https://sd-gpu-1.aigc.test/", [], required: true);

        decision.Outcome.ShouldBe(ForwardAuthOutcome.Forbidden);
        decision.Reason.ShouldContain("host=$host");
    }

    [Fact]
    public void Without_a_cookie_the_answer_stays_401_whatever_the_binding_says()
    {
        ForwardAuthPolicy.Decide(null, ["https://sd-gpu-1.aigc.test/"], [], [], Index, boundHost: ["sd-gpu-2.aigc.test"])
            .Outcome.ShouldBe(ForwardAuthOutcome.Unauthenticated);
    }
}
