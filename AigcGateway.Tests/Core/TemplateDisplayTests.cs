using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Core;

/// <summary>What the catalog shows from a template's display annotations: no hidden characters, capped lengths, safe icons.</summary>
public sealed class TemplateDisplayTests
{
    private static DisplayAnnotations Read(params (string Key, string Value)[] annotations) =>
        TemplateDisplay.Read(key => annotations.FirstOrDefault(a => a.Key == key).Value);

    [Theory]
    [InlineData("Stable\u202EDiffusion", "StableDiffusion")]
    [InlineData("\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee", "abcde")]
    [InlineData("\u2066a\u2067b\u2068c\u2069d", "abcd")]
    [InlineData("bell\u0007 and\u0000 nul", "bell and nul")]
    [InlineData("two\nlines\r\nand\ttab", "two lines and tab")]
    [InlineData("\u0085next line\u009B", "next line")]
    public void Bidi_overrides_isolates_and_control_characters_are_removed(string text, string shown)
    {
        TemplateDisplay.Clean(text).ShouldBe(shown);
    }

    [Theory]
    [InlineData("稳定扩散 WebUI")]
    [InlineData("Stable Diffusion 🎨")]
    [InlineData("👩‍💻 ComfyUI")]
    [InlineData("שלום עולם")]
    public void Ordinary_text_in_any_script_is_kept(string text)
    {
        TemplateDisplay.Clean(text).ShouldBe(text);
        TemplateDisplay.HasHiddenCharacters(text).ShouldBeFalse();
    }

    [Fact]
    public void Capping_cuts_with_an_ellipsis_and_never_splits_a_surrogate_pair()
    {
        TemplateDisplay.Cap(new string('a', 81), 80).ShouldBe(new string('a', 79) + "…");
        TemplateDisplay.Cap(new string('a', 80), 80).ShouldBe(new string('a', 80));

        var capped = TemplateDisplay.Cap(new string('a', 78) + "🎨🎨", 80);
        capped.ShouldBe(new string('a', 78) + "…");
        char.IsHighSurrogate(capped[^2]).ShouldBeFalse();
    }

    [Fact]
    public void A_display_name_with_a_right_to_left_override_is_shown_without_it_and_reported()
    {
        var display = Read((TemplateAnnotations.DisplayName, "Stable Diffusion \u202Egnp.exe"));

        display.DisplayName.ShouldBe("Stable Diffusion gnp.exe");
        display.Problems.ShouldHaveSingleItem().Code.ShouldBe(ConformanceCode.DisplayTextHidden);
        display.Problems[0].Severity.ShouldBe(ConformanceSeverity.Warning);
        display.Problems[0].Message.ShouldContain(TemplateAnnotations.DisplayName);
    }

    [Fact]
    public void Over_long_display_text_is_capped_and_reported()
    {
        var display = Read(
            (TemplateAnnotations.DisplayName, new string('n', 200)),
            (TemplateAnnotations.Description, new string('d', 5000)),
            (TemplateAnnotations.GpuType, new string('g', 100)));

        display.DisplayName!.Length.ShouldBe(TemplateDisplay.MaxDisplayNameLength);
        display.Description!.Length.ShouldBe(TemplateDisplay.MaxDescriptionLength);
        display.GpuType!.Length.ShouldBe(TemplateDisplay.MaxGpuTypeLength);
        display.Problems.Select(p => p.Code).ShouldBe([ConformanceCode.DisplayTextTooLong, ConformanceCode.DisplayTextTooLong, ConformanceCode.DisplayTextTooLong]);
        display.Problems[1].Message.ShouldContain("5000 characters");
    }

    [Fact]
    public void Ordinary_display_annotations_are_kept_without_problems()
    {
        var display = Read(
            (TemplateAnnotations.DisplayName, " Stable Diffusion "),
            (TemplateAnnotations.Description, "Draw pictures."),
            (TemplateAnnotations.Icon, "palette"),
            (TemplateAnnotations.GpuType, "NVIDIA A10"));

        display.DisplayName.ShouldBe("Stable Diffusion");
        display.Description.ShouldBe("Draw pictures.");
        display.Icon.ShouldBe("palette");
        display.GpuType.ShouldBe("NVIDIA A10");
        display.Problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/sign-out")]
    [InlineData("/sign-out?x=.png")]
    [InlineData("/auth")]
    [InlineData("/icons/../sign-out")]
    [InlineData("/icons/a.png?next=/sign-out")]
    [InlineData("//evil.test/a.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/svg+xml;base64,PHN2Zz4=")]
    [InlineData("ftp://images.example.net/a.png")]
    [InlineData("https://user:pass@images.example.net/a.png")]
    [InlineData("sign-out.png")]
    [InlineData("palette\u202E")]
    public void An_icon_that_is_not_accepted_falls_back_to_the_default_and_is_reported(string icon)
    {
        var display = Read((TemplateAnnotations.Icon, icon));

        display.Icon.ShouldBeNull();
        display.Problems.ShouldHaveSingleItem().Code.ShouldBe(ConformanceCode.IconNotAccepted);
    }

    [Theory]
    [InlineData("palette", TemplateIconKind.Name, "palette")]
    [InlineData("auto_awesome", TemplateIconKind.Name, "auto_awesome")]
    [InlineData(" AccountTree ", TemplateIconKind.Name, "AccountTree")]
    [InlineData("/icons/sd.svg", TemplateIconKind.Asset, "/icons/sd.svg")]
    [InlineData("/icons/engines/comfy-ui.v2.png", TemplateIconKind.Asset, "/icons/engines/comfy-ui.v2.png")]
    [InlineData("https://images.example.net/sd.png", TemplateIconKind.Image, "https://images.example.net/sd.png")]
    [InlineData("http://images.example.net:8080/a b.png", TemplateIconKind.Image, "http://images.example.net:8080/a%20b.png")]
    [InlineData("", TemplateIconKind.None, "")]
    [InlineData(null, TemplateIconKind.None, "")]
    public void Accepted_icons_are_names_assets_under_the_icon_folder_or_http_images(string? icon, TemplateIconKind kind, string value)
    {
        var parsed = TemplateIcon.Parse(icon, "dashboard.example.com");

        parsed.Kind.ShouldBe(kind);
        parsed.Value.ShouldBe(value);
        parsed.IsAccepted.ShouldBeTrue();
    }

    [Theory]
    [InlineData("https://dashboard.example.com/sign-out")]
    [InlineData("https://DASHBOARD.example.com./sign-out")]
    [InlineData("http://dashboard.example.com:8443/sign-out")]
    public void An_image_on_the_dashboards_own_host_is_not_accepted(string icon)
    {
        TemplateIcon.Parse(icon, "dashboard.example.com").Kind.ShouldBe(TemplateIconKind.Rejected);
        TemplateIcon.Parse(icon).Kind.ShouldBe(TemplateIconKind.Image);
    }
}
