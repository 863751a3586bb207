using AigcGateway.Core.Access;

namespace AigcGateway.Tests.Access;

/// <summary>Security issue #22, F7: only a valid absolute-form request target (RFC 9112 / RFC 3986) is read as the original URL.</summary>
public sealed class ForwardAuthTargetTests
{
    public static TheoryData<string, string> Malformed => new()
    {
        { "comma-joined list", "https://sd-gpu-1.aigc.test/, https://sd-gpu-2.aigc.test/" },
        { "comma-joined list without a space", "https://sd-gpu-1.aigc.test/,https://sd-gpu-2.aigc.test/" },
        { "comma-joined list, upper-case scheme", "https://sd-gpu-1.aigc.test/x,HTTP://sd-gpu-2.aigc.test/" },
        { "raw space in the path", "https://sd-gpu-1.aigc.test/a b" },
        { "raw space before the path", "https://sd-gpu-1.aigc.test /" },
        { "trailing space", "https://sd-gpu-1.aigc.test/ " },
        { "leading space", " https://sd-gpu-1.aigc.test/" },
        { "tab", "https://sd-gpu-1.aigc.test/a\tb" },
        { "line feed", "https://sd-gpu-1.aigc.test/\nX-Original-URL: https://sd-gpu-2.aigc.test/" },
        { "raw non-ASCII in the path", "https://sd-gpu-1.aigc.test/bücher" },
        { "raw non-ASCII in the host", "https://bücher-5.aigc.test/" },
        { "non-breaking space", "https://sd-gpu-1.aigc.test/\u00a0" },
        { "a fragment", "https://sd-gpu-1.aigc.test/#x" },
        { "double quote", "https://sd-gpu-1.aigc.test/\"x\"" },
        { "angle brackets", "https://sd-gpu-1.aigc.test/<x>" },
        { "pipe", "https://sd-gpu-1.aigc.test/a|b" },
        { "braces", "https://sd-gpu-1.aigc.test/{x}" },
        { "caret", "https://sd-gpu-1.aigc.test/a^b" },
        { "backtick", "https://sd-gpu-1.aigc.test/a`b" },
        { "square brackets in the path", "https://sd-gpu-1.aigc.test/a[0]" },
        { "empty host", "https:///x" },
        { "empty host with a port", "https://:443/x" },
        { "only a scheme", "https://" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Anything_but_an_absolute_form_request_target_is_refused(string what, string url)
    {
        ForwardAuthTarget.TryParse(url, out var target, out var reason).ShouldBeFalse($"{what}: parsed as {target}");
        reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("https://sd-gpu-1.aigc.test/a-b_c.d~e!$&'()*+,;=:@/x?y=/z&w=%20%E4%B8%AD")]
    [InlineData("http://sd-gpu-1.aigc.test:8080/?next=https://sd-gpu-2.aigc.test/")]
    [InlineData("https://xn--bcher-5-n2a.aigc.test/")]
    public void Every_character_of_RFC_3986_is_accepted(string url)
    {
        ForwardAuthTarget.TryParse(url, out _, out var reason).ShouldBeTrue(reason);
    }

    [Theory]
    [InlineData("sd-gpu-1.aigc.test", "/a b")]
    [InlineData("sd-gpu-1.aigc.test", "/ü")]
    [InlineData("sd-gpu-1.aigc.test", "/x#y")]
    [InlineData("bücher-5.aigc.test", "/")]
    [InlineData("sd-gpu-1.aigc.test,sd-gpu-2.aigc.test", "/")]
    public void Forwarded_headers_are_held_to_the_same_characters(string host, string uri)
    {
        ForwardAuthTarget.TryFromHeaders([], [host], [uri], out _, out _).ShouldBeFalse();
    }
}
