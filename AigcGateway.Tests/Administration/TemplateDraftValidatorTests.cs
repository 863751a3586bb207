using System.Collections.Immutable;
using System.Globalization;
using AigcGateway.Core.Administration;

namespace AigcGateway.Tests.Administration;

public sealed class TemplateDraftValidatorTests
{
    private static readonly TemplateRules Rules = new(
        ["aigc", "team-b"], ".example.com", new Uri("https://dashboard.example.com"), ImmutableDictionary<string, string>.Empty);

    private static readonly TemplateDraft Valid = new()
    {
        Name = "sd-webui-gpu",
        Namespace = "aigc",
        DisplayName = "Stable Diffusion WebUI",
        Image = "registry.example.com/ai/sd-webui:1.10",
        Gpu = GpuMode.Whole,
        GpuCount = 1,
        HostPattern = "sd-<id>.example.com",
    };

    private static IReadOnlyList<string> ErrorsOf(TemplateDraft draft, string property) =>
        new TemplateDraftValidator(Rules).Validate(draft).Errors
            .Where(e => e.PropertyName == property).Select(e => e.ErrorMessage).ToList();

    [Fact]
    public void A_complete_draft_is_valid()
    {
        new TemplateDraftValidator(Rules).Validate(Valid).Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("SD-webui")]
    [InlineData("1sd")]
    [InlineData("sd_webui")]
    [InlineData("sd-")]
    [InlineData("sd.webui")]
    [InlineData("58")]
    public void Names_must_be_short_dns_labels_starting_with_a_letter(string name)
    {
        name = name == "58" ? new string('a', 58) : name;

        ErrorsOf(Valid with { Name = name }, "Name").ShouldNotBeEmpty();
    }

    [Fact]
    public void A_namespace_outside_the_configured_ones_is_named_with_the_allowed_ones()
    {
        ErrorsOf(Valid with { Namespace = "default" }, "Namespace").Single().ShouldContain("aigc, team-b");
    }

    [Theory]
    [InlineData("sd.example.com")]
    [InlineData("sd-<id>-<id>.example.com")]
    [InlineData("sd-<ID>.example.com")]
    public void A_host_pattern_needs_exactly_one_id_placeholder(string pattern)
    {
        ErrorsOf(Valid with { HostPattern = pattern }, "HostPattern").Single().ShouldContain("<id>");
    }

    [Theory]
    [InlineData("sd-<id>.other.com")]
    [InlineData("sd-<id>.example.com.evil.com")]
    [InlineData("sd-<id>example.com")]
    public void A_host_outside_the_cookie_domain_is_refused(string pattern)
    {
        ErrorsOf(Valid with { HostPattern = pattern }, "HostPattern").Single().ShouldContain(".example.com");
    }

    [Theory]
    [InlineData("sd <id>.example.com")]
    [InlineData("https://sd-<id>.example.com")]
    [InlineData("sd-<id>.example.com/path")]
    public void A_host_pattern_must_be_a_host_name(string pattern)
    {
        ErrorsOf(Valid with { HostPattern = pattern }, "HostPattern").ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Ports_must_be_between_1_and_65535(int port)
    {
        ErrorsOf(Valid with { ContainerPort = port }, "ContainerPort").ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("Cpu", "four")]
    [InlineData("Cpu", "0")]
    [InlineData("Cpu", "4 cores")]
    [InlineData("Memory", "16GB")]
    [InlineData("Memory", "500m")]
    [InlineData("VolumeSize", "-5Gi")]
    [InlineData("VolumeSize", "")]
    public void Resource_quantities_must_be_kubernetes_quantities(string property, string value)
    {
        var draft = property switch
        {
            "Cpu" => Valid with { Cpu = value },
            "Memory" => Valid with { Memory = value },
            _ => Valid with { VolumeSize = value },
        };

        ErrorsOf(draft, property).ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("500m")]
    [InlineData("1.5")]
    [InlineData("4")]
    public void Cpu_accepts_millicores_and_fractions(string cpu)
    {
        ErrorsOf(Valid with { Cpu = cpu }, "Cpu").ShouldBeEmpty();
    }

    [Fact]
    public void Gpu_count_is_checked_only_for_whole_gpus()
    {
        ErrorsOf(Valid with { Gpu = GpuMode.Whole, GpuCount = 0 }, "GpuCount").ShouldNotBeEmpty();
        ErrorsOf(Valid with { Gpu = GpuMode.None, GpuCount = 0 }, "GpuCount").ShouldBeEmpty();
        ErrorsOf(Valid with { Gpu = GpuMode.SharedMemory, GpuMemoryGiB = 0 }, "GpuMemoryGiB").ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("Registry.example.com/sd")]
    [InlineData("sd webui")]
    [InlineData("")]
    public void Images_must_be_image_references(string image)
    {
        ErrorsOf(Valid with { Image = image }, "Image").ShouldNotBeEmpty();
    }

    [Fact]
    public void Environment_variables_need_valid_unique_names()
    {
        var draft = Valid with { Environment = [new("1BAD", "x"), new("GOOD", "a"), new("GOOD", "b")] };

        var errors = new TemplateDraftValidator(Rules).Validate(draft).Errors.Select(e => e.ErrorMessage).ToList();

        errors.ShouldContain(e => e.Contains("1BAD", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("GOOD", StringComparison.Ordinal) && e.Contains("twice", StringComparison.Ordinal));
    }

    [Fact]
    public void An_idle_timeout_under_five_minutes_is_refused()
    {
        ErrorsOf(Valid with { IdleTimeout = TimeSpan.FromMinutes(1) }, "IdleTimeout").ShouldNotBeEmpty();
        ErrorsOf(Valid with { IdleTimeout = TimeSpan.FromHours(2) }, "IdleTimeout").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0.5, false)]
    [InlineData(1, true)]
    [InlineData(168, true)]
    [InlineData(169, false)]
    public void The_longest_keep_running_is_between_an_hour_and_a_week(double hours, bool valid)
    {
        (ErrorsOf(Valid with { MaxKeepRunning = TimeSpan.FromHours(hours) }, "MaxKeepRunning").Count == 0).ShouldBe(valid);
        ErrorsOf(Valid with { MaxKeepRunning = null }, "MaxKeepRunning").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void The_busy_gpu_threshold_is_a_percentage_from_1_to_100(double percent, bool valid)
    {
        (ErrorsOf(Valid with { BusyGpuPercent = percent }, "BusyGpuPercent").Count == 0).ShouldBe(valid);
        ErrorsOf(Valid with { BusyGpuPercent = null }, "BusyGpuPercent").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/sign-out")]
    [InlineData("/auth")]
    [InlineData("https://dashboard.example.com/sign-out")]
    [InlineData("javascript:alert(1)")]
    [InlineData("//evil.test/a.png")]
    public void An_icon_that_could_make_viewers_call_the_dashboard_is_refused(string icon)
    {
        ErrorsOf(Valid with { Icon = icon }, "Icon").Single().ShouldContain("/icons/");
    }

    [Theory]
    [InlineData("Brush")]
    [InlineData("auto_awesome")]
    [InlineData("/icons/sd.svg")]
    [InlineData("https://images.example.net/sd.png")]
    public void Icon_names_assets_and_images_on_other_hosts_are_accepted(string icon)
    {
        ErrorsOf(Valid with { Icon = icon }, "Icon").ShouldBeEmpty();
    }

    [Fact]
    public void Display_texts_are_capped_with_the_limit_in_the_message()
    {
        ErrorsOf(Valid with { DisplayName = new string('n', 81) }, "DisplayName").Single().ShouldContain("80 characters");
        ErrorsOf(Valid with { Description = new string('d', 501) }, "Description").Single().ShouldContain("500 characters");
        ErrorsOf(Valid with { GpuType = new string('g', 81) }, "GpuType").Single().ShouldContain("80 characters");
        ErrorsOf(Valid with { DisplayName = new string('n', 80), Description = new string('d', 500) }, "DisplayName").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("DisplayName")]
    [InlineData("Description")]
    [InlineData("GpuType")]
    public void Display_texts_with_direction_overrides_or_control_characters_are_refused(string field)
    {
        const string hostile = "Stable Diffusion \u202Egnp.exe";
        var draft = field switch
        {
            "DisplayName" => Valid with { DisplayName = hostile },
            "Description" => Valid with { Description = hostile },
            _ => Valid with { GpuType = hostile },
        };

        ErrorsOf(draft, field).Single().ShouldContain("U+202E");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var draft = new TemplateDraft { Name = "Bad Name", Namespace = "", HostPattern = "x", Image = "" };

        var properties = new TemplateDraftValidator(Rules).Validate(draft).Errors.Select(e => e.PropertyName).Distinct().ToList();

        properties.ShouldBe(["Name", "Namespace", "DisplayName", "Image", "HostPattern"], ignoreOrder: true);
    }

    [Fact]
    public void Messages_are_in_chinese_for_chinese_users()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");

            ErrorsOf(Valid with { HostPattern = "sd.example.com" }, "HostPattern").Single().ShouldContain("主机名模式");
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
