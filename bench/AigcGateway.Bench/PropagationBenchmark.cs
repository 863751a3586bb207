using System.Globalization;
using System.Text.Json;
using AigcGateway.Core.Instances;
using AigcGateway.Emulators.Logto;
using Microsoft.Playwright;

namespace AigcGateway.Bench;

/// <summary>
/// 5. Status propagation: alice's dashboard open in Chromium; 20 state changes (pause, recover, ...) made through the
/// gateway's own <see cref="IInstanceService"/>; each measured from just before the GameServerSet write to the moment
/// the instance card's <c>data-state</c> attribute shows the new state (a MutationObserver in the page stamps it).
/// </summary>
internal static class PropagationBenchmark
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private const string Name = "5. status propagation";
    private const int Changes = 20;

    private const string Observer = """
        (() => {
          window.__benchStates = [];
          const selector = ".dashboard-mine [data-template='aigc/sd-gpu'] .instance-area";
          let last = null;
          const check = () => {
            const el = document.querySelector(selector);
            const state = el ? el.getAttribute('data-state') : null;
            if (state !== last) { last = state; window.__benchStates.push({ state: state, t: Date.now() }); }
          };
          new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
          document.addEventListener('DOMContentLoaded', check);
        })();
        """;

    public static async Task RunAsync(BenchGatewayFactory gateway, IInstanceService instances, InstanceRef instance, Report report, CancellationToken ct)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await context.AddInitScriptAsync(Observer);
        var page = await context.NewPageAsync();

        // sign in as alice through the Logto emulator, as a person would
        var home = gateway.PublicUrl.ToString();
        await page.GotoAsync(home);
        await WaitForCircuitAsync(page);
        await page.Locator(".welcome-start").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(gateway.Logto.EndpointText, StringComparison.Ordinal));
        await page.Locator("button[data-username='alice']").ClickAsync();
        await page.WaitForURLAsync(home);
        await WaitForCircuitAsync(page);
        var card = ".dashboard-mine [data-template='aigc/sd-gpu'] .instance-area";
        await page.Locator($"{card}[data-state='Running']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });

        var alice = LogtoDemoUsers.Alice.Id;
        var finals = new List<double>();
        var firsts = new List<double>();
        for (var i = 0; i < Changes; i++)
        {
            var pause = i % 2 == 0;
            var target = pause ? InstanceState.Paused : InstanceState.Running;
            var seen = await page.EvaluateAsync<int>("window.__benchStates.length");
            var t0 = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
            var result = pause ? await instances.PauseAsync(alice, instance, ct) : await instances.RecoverAsync(alice, instance, ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"{(pause ? "pause" : "recover")} failed: {result.Error} {result.Detail}");
            }

            await page.Locator($"{card}[data-state='{target}']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 10_000 });
            var log = JsonSerializer.Deserialize<JsonElement>(await page.EvaluateAsync<string>("JSON.stringify(window.__benchStates)"));
            var changes = log.EnumerateArray().Skip(seen).Select(e => (State: e.GetProperty("state").GetString(), T: e.GetProperty("t").GetDouble())).ToList();
            var reached = changes.First(c => c.State == target.ToString());
            finals.Add(reached.T - t0);
            firsts.Add(changes[0].T - t0);

            // the next change starts from a cluster at rest and the dashboard showing it
            await gateway.Kubernetes.WaitForSettledAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
            await Dashboards.WaitForAsync(instances, alice, d => d.InstanceOf(instance.Template)?.State == target, TimeSpan.FromSeconds(10), ct);
        }

        report.Add(new Figure(Name, "changes measured (pause/recover)", Measure.Number(finals.Count), "20", finals.Count == Changes));
        report.Add(new Figure(Name, "write -> new state in the DOM, p50", Measure.Ms(Measure.Percentile(finals, 0.5)), "<= 300 ms", Measure.Percentile(finals, 0.5) <= 300));
        report.Add(new Figure(Name, "write -> new state in the DOM, p95", Measure.Ms(Measure.Percentile(finals, 0.95))));
        report.Add(new Figure(Name, "write -> first DOM change (p50 / p95)", $"{Measure.Ms(Measure.Percentile(firsts, 0.5))} / {Measure.Ms(Measure.Percentile(firsts, 0.95))}"));
        Console.WriteLine("  samples (ms): " + string.Join(" ", finals.Select(f => f.ToString("0", CultureInfo.InvariantCulture))));
    }

    private static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 15_000 });
}
