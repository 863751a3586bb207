using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AigcGateway.Core.Idle;
using AigcGateway.Emulators.Kubernetes;
using AigcGateway.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AigcGateway.Tests.Browser;

/// <summary>
/// The idle auto-pause as a person sees it, in Chromium through nginx against the emulated cluster: the warning with its
/// countdown and the tab's title, Keep running, and the card of an instance the gateway paused. The clock is real, so
/// the instance is put inside its warning window through what the gateway reads from the cluster: a template
/// <c>aigc-gateway.io/idle-timeout</c> shorter than the warning window. The automatic
/// pause itself is the leader's (Core); here its record (<c>auto-pause.aigc-gateway.io/&lt;id&gt;</c>) is written on the
/// paused instance's GameServerSet as the pause writes it.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed partial class IdleBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    private IngressEnvironment _env = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _env = await IngressEnvironment.StartAsync(KubernetesEmulatorOptions.ForTests, Ct);

    public ValueTask DisposeAsync() => _env.DisposeAsync();

    private static ILocator Card(IPage page) => page.Locator("[data-template='aigc/sd-cpu']");

    [Fact]
    public async Task The_warning_counts_down_keep_running_removes_it_and_the_paused_card_explains_why()
    {
        // Shanghai, eight hours from UTC: the times on the card are the viewer's, not the server's
        await using var context = await browser.NewContextAsync(locale: "en-US", timezoneId: "Asia/Shanghai");
        await PatchAsync("apis/game.kruise.io/v1alpha1/namespaces/aigc/gameserversets/sd-cpu",
            Annotations(("aigc-gateway.io/idle-timeout", "30m"), ("aigc-gateway.io/max-keep-running", "2h")));
        var page = await _env.SignInToDashboardAsync(context, "alice");

        await ActAsync(page, "install");
        await Assertions.Expect(Card(page).Locator(".instance-area")).ToHaveAttributeAsync("data-state", "Running", new() { Timeout = 20_000 });
        await Assertions.Expect(Card(page).Locator("[data-idle-warning]")).ToHaveCountAsync(0);
        var id = (await Card(page).Locator(".instance-area").GetAttributeAsync("data-instance"))!.Split('#')[1];

        // starting counts as use (the policy never looks earlier than the GameServer's creation), so an instance that has
        // just started is put inside its warning window by a timeout shorter than the window: 9 minutes after its start
        await PatchAsync("apis/game.kruise.io/v1alpha1/namespaces/aigc/gameserversets/sd-cpu",
            Annotations(("aigc-gateway.io/idle-timeout", "9m")));

        var banner = Card(page).Locator("[data-idle-warning]");
        await Assertions.Expect(banner).ToContainTextAsync(WarningText());
        await Assertions.Expect(banner.Locator(".idle-countdown")).ToHaveTextAsync(Countdown());
        await Assertions.Expect(page).ToHaveTitleAsync(WarningTitle());
        var first = await banner.Locator(".idle-countdown").TextContentAsync();
        await Assertions.Expect(banner.Locator(".idle-countdown")).Not.ToHaveTextAsync(first!, new() { Timeout = 5_000 });
        await page.SaveScreenshotAsync("idle-warning.png");

        await banner.Locator(".idle-keep-running button").ClickAsync();
        var choices = page.Locator("[data-keep-running]");
        await Assertions.Expect(choices).ToHaveTextAsync(["For 1 h", "For 2 h"]);
        await choices.First.ClickAsync();

        await Assertions.Expect(banner).ToHaveCountAsync(0);
        await Assertions.Expect(Card(page).Locator(".instance-kept-running")).ToHaveTextAsync(KeptText());
        await Assertions.Expect(page).ToHaveTitleAsync("Dashboard · AIGC Gateway");

        await ActAsync(page, "pause");
        await Assertions.Expect(Card(page).Locator(".instance-area")).ToHaveAttributeAsync("data-state", "Paused", new() { Timeout = 20_000 });
        var pausedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await PatchAsync("apis/game.kruise.io/v1alpha1/namespaces/aigc/gameserversets/sd-cpu",
            Annotations((AutoPauseAnnotations.KeyFor(int.Parse(id, CultureInfo.InvariantCulture)),
                AutoPauseAnnotations.Format(new AutoPauseRecord(pausedAt, pausedAt.AddHours(-2), IdleTimeout, new UsageSample(pausedAt, 0, 0.01))))));

        var shanghai = pausedAt.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm", CultureInfo.InvariantCulture);
        await Assertions.Expect(Card(page).Locator("[data-auto-pause='idle']"))
            .ToContainTextAsync(new Regex($"Paused at (\\S+ )?{shanghai} after 2 h unused\\. Your files are kept\\."));
        await Assertions.Expect(Card(page).Locator("[data-action='recover']")).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("idle-paused.png");
    }

    private static async Task ActAsync(IPage page, string action)
    {
        await Card(page).Locator($"[data-action='{action}']").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("[data-action='confirm']").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    /// <summary>A JSON merge patch of the object's annotations, as kubectl annotate sends it.</summary>
    private async Task PatchAsync(string path, string json)
    {
        using var http = new HttpClient { BaseAddress = _env.Gateway.Kubernetes.BaseAddress };
        using var body = new StringContent(json, Encoding.UTF8, "application/merge-patch+json");
        (await http.PatchAsync(new Uri(path, UriKind.Relative), body, Ct)).EnsureSuccessStatusCode();
    }

    private static string Annotations(params (string Key, string Value)[] annotations) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["metadata"] = new System.Text.Json.Nodes.JsonObject
            {
                ["annotations"] = new System.Text.Json.Nodes.JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (System.Text.Json.Nodes.JsonNode?)a.Value))),
            },
        }.ToJsonString();

    [GeneratedRegex(@"Pauses at \d\d:\d\d unless used")]
    private static partial Regex WarningText();

    [GeneratedRegex(@"^[0-9]:\d\d$")]
    private static partial Regex Countdown();

    [GeneratedRegex(@"^⏸ [0-9]:\d\d · AIGC Gateway$")]
    private static partial Regex WarningTitle();

    [GeneratedRegex(@"^until \d\d:\d\d$")]
    private static partial Regex KeptText();
}
