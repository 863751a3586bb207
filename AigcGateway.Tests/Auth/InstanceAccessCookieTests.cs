using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Auth;

public sealed class InstanceAccessCookieTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly EphemeralDataProtectionProvider _dataProtection = new();
    private readonly InstanceAccessCookie _cookie;

    public InstanceAccessCookieTests() =>
        _cookie = new InstanceAccessCookie(_dataProtection, _time, Options.Create(new GatewayOptions())) { Lifetime = TimeSpan.FromHours(1) };

    [Fact]
    public void A_value_it_issued_reads_back_as_the_same_user()
    {
        var value = _cookie.Protect("u1abc", "alice@example.test");

        _cookie.TryRead(value, out var identity).ShouldBeTrue();
        identity.UserId.ShouldBe("u1abc");
        identity.Email.ShouldBe("alice@example.test");
        identity.ExpiresAt.ShouldBe(_time.GetUtcNow().AddHours(1));
        identity.IsAdministrator.ShouldBeFalse();
    }

    [Fact]
    public void A_ticket_reads_back_with_its_session_and_times()
    {
        var issued = _cookie.Issue("u1abc", "alice@example.test", isAdministrator: true, "s3ss10n", _time.GetUtcNow().AddDays(7), emailVerified: true);

        _cookie.TryRead(_cookie.Protect(issued), out var read).ShouldBeTrue();

        read.ShouldBe(issued);
        read.SessionId.ShouldBe("s3ss10n");
        read.IssuedAt.ShouldBe(_time.GetUtcNow());
        read.EmailVerified.ShouldBeTrue();
    }

    [Fact]
    public void An_access_cookie_of_the_earlier_format_without_a_session_is_refused()
    {
        // version 2: user, e-mail, expiry, administrator mark; no session id, so sign-out could not revoke it
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)2);
            writer.Write("u1abc");
            writer.Write("alice@example.test");
            writer.Write(_time.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds());
            writer.Write(false);
        }

        var value = WebEncoders.Base64UrlEncode(_dataProtection.CreateProtector(InstanceAccessCookie.Purpose).Protect(buffer.ToArray()));

        _cookie.TryRead(value, out _).ShouldBeFalse();
    }

    [Fact]
    public void A_user_without_email_reads_back_without_email()
    {
        _cookie.TryRead(_cookie.Protect("u1abc", null), out var identity).ShouldBeTrue();
        identity.Email.ShouldBeNull();
    }

    [Fact]
    public void The_value_does_not_show_the_user_id()
    {
        _cookie.Protect("u1abc", "alice@example.test").ShouldNotContain("u1abc");
    }

    [Fact]
    public void An_expired_value_is_refused()
    {
        var value = _cookie.Protect("u1abc", null);

        _time.Advance(TimeSpan.FromHours(1));

        _cookie.TryRead(value, out _).ShouldBeFalse();
    }

    [Fact]
    public void A_value_just_before_expiry_is_accepted()
    {
        var value = _cookie.Protect("u1abc", null);

        _time.Advance(TimeSpan.FromMinutes(59));

        _cookie.TryRead(value, out _).ShouldBeTrue();
    }

    [Fact]
    public void A_tampered_value_is_refused()
    {
        var bytes = WebEncoders.Base64UrlDecode(_cookie.Protect("u1abc", null));
        bytes[^5] ^= 0x01;

        _cookie.TryRead(WebEncoders.Base64UrlEncode(bytes), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-base64!!")]
    [InlineData("dTFhYmM")]
    public void Garbage_is_refused(string? value)
    {
        _cookie.TryRead(value, out _).ShouldBeFalse();
    }

    [Fact]
    public void A_value_protected_for_another_purpose_is_refused()
    {
        var foreign = _dataProtection.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware");
        var payload = WebEncoders.Base64UrlDecode(_cookie.Protect("u1abc", null));
        var own = _dataProtection.CreateProtector(InstanceAccessCookie.Purpose).Unprotect(payload);

        _cookie.TryRead(WebEncoders.Base64UrlEncode(foreign.Protect(own)), out _).ShouldBeFalse();
    }

    [Fact]
    public void A_value_from_another_key_ring_is_refused()
    {
        var other = new InstanceAccessCookie(new EphemeralDataProtectionProvider(), _time, Options.Create(new GatewayOptions()));

        _cookie.TryRead(other.Protect("u1abc", null), out _).ShouldBeFalse();
    }

    [Fact]
    public void A_cookie_read_once_and_remembered_still_expires()
    {
        var value = _cookie.Protect("alice", null);
        _cookie.TryRead(value, out _).ShouldBeTrue();

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        _cookie.TryRead(value, out _).ShouldBeFalse();
        _cookie.TryRead(value, out _).ShouldBeFalse();
    }

    [Fact]
    public void The_administrator_mark_survives_the_round_trip_and_is_off_by_default()
    {
        _cookie.TryRead(_cookie.Protect("root", null, isAdministrator: true), out var admin).ShouldBeTrue();
        _cookie.TryRead(_cookie.Protect("alice", null), out var user).ShouldBeTrue();

        admin.IsAdministrator.ShouldBeTrue();
        user.IsAdministrator.ShouldBeFalse();
    }
}
