using AigcGateway.Core.Administration;
using AigcGateway.Core.Storage;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Tests.Storage;
using AigcGateway.Web.Components.Admin;
using AigcGateway.Web.Configuration;
using System.Globalization;
using AigcGateway.Web.Auth;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AigcGateway.Tests.Admin;

/// <summary>The Audit log page over the real store on SQLite (a file per test): rows, filters, paging, export link, outage.</summary>
public sealed class AuditLogPageTests : BunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = AdminContext.Now;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aigc-gateway-auditpage-");
    private AuditStore? _store;
    private IAuditQuery? _query;
    private IAuditStoreStatus? _status;

    public AuditLogPageTests()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en-US");
        CultureInfo.CurrentCulture = new CultureInfo("en-US");
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddLocalization();
        // resolved when the page renders, from the store each test sets up (bUnit takes no registrations after a resolve)
        Services.AddSingleton(_ => _query!);
        Services.AddSingleton(_ => _status!);
        Services.AddSingleton(Options.Create(new DatabaseOptions()));
        JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = AddAuthorization();
        auth.SetAuthorized("Ada Admin");
        auth.SetPolicies(GatewayPolicies.Administrator);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private async Task<AuditStore> StoreAsync(params AuditEntry[] entries)
    {
        _store = await new AuditStore(new StorageOptions { ConnectionString = StorageOptions.SqliteFileIn(_directory.FullName) }).StartAsync();
        foreach (var entry in entries)
        {
            _store.Writer.Record(entry);
        }

        await _store.WrittenAsync(entries.Length);
        Use(_store.Query, _store.Writer);
        return _store;
    }

    private void Use(IAuditQuery query, IAuditStoreStatus status) => (_query, _status) = (query, status);

    private static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static AuditEntry Entry(int minute, string user, string action, bool succeeded = true, string template = "aigc/sd-webui") =>
        new(Now.AddMinutes(minute), "user " + user, action, template + "#0", succeeded) { Template = AuditRowMapping.ParseTemplate(template) };

    private IRenderedComponent<AdminHost> Page()
    {
        var page = Render<AdminHost>(host => host.AddChildContent<AuditLog>());
        page.WaitForAssertion(() => page.Find("[data-loaded='true']"));
        return page;
    }

    private static string[] Rows(IRenderedComponent<AdminHost> page) =>
        [.. page.FindAll("tr[data-audit-row]").Select(r => r.GetAttribute("data-audit-action") + " " + r.QuerySelector("td[title]")!.GetAttribute("title"))];

    [Fact]
    public async Task The_log_lists_the_stored_entries_newest_first_with_localised_actions()
    {
        await StoreAsync(Entry(0, "alice", AuditActions.Installed), Entry(1, "bob", AuditActions.Paused, succeeded: false));

        var page = Page();

        Rows(page).ShouldBe(["paused bob", "installed alice"]);
        page.Markup.ShouldContain("Installed");
        page.Find("tr[data-audit-row] .mud-chip").TextContent.ShouldContain("Failed");
        page.Find("[data-action='newer']").HasAttribute("disabled").ShouldBeTrue();
        page.Find("[data-action='older']").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public async Task Filtering_by_user_and_text_shows_only_matching_entries_and_the_export_link_carries_the_filter()
    {
        await StoreAsync(Entry(0, "alice", AuditActions.Installed), Entry(1, "bob", AuditActions.Installed, template: "aigc/comfyui"), Entry(2, "alice", AuditActions.Uninstalled));
        var page = Page();

        page.Find("input[data-filter='user']").Change("alice");
        page.Find("form[data-audit-filters]").Submit();
        page.WaitForAssertion(() => Rows(page).ShouldBe(["uninstalled alice", "installed alice"]));

        page.Find("input[data-filter='text']").Change("uninst");
        page.Find("form[data-audit-filters]").Submit();
        page.WaitForAssertion(() => Rows(page).ShouldBe(["uninstalled alice"]));
        page.Find("[data-action='export']").GetAttribute("href").ShouldBe("/admin/audit/export?user=alice&q=uninst");

        page.Find("[data-action='clear']").Click();
        page.WaitForAssertion(() => Rows(page).Length.ShouldBe(3));
    }

    [Fact]
    public async Task Older_and_newer_walk_the_pages_by_keyset()
    {
        await StoreAsync([.. Enumerable.Range(0, AuditLog.PageSize + 5).Select(i => Entry(i, "u" + i, AuditActions.Restarted))]);
        var page = Page();
        Rows(page).Length.ShouldBe(AuditLog.PageSize);
        Rows(page)[0].ShouldBe($"restarted u{AuditLog.PageSize + 4}");

        page.Find("[data-action='older']").Click();
        page.WaitForAssertion(() => Rows(page).ShouldBe(["restarted u4", "restarted u3", "restarted u2", "restarted u1", "restarted u0"]));
        page.Find("[data-action='older']").HasAttribute("disabled").ShouldBeTrue();

        page.Find("[data-action='newer']").Click();
        page.WaitForAssertion(() => Rows(page).Length.ShouldBe(AuditLog.PageSize));
    }

    [Fact]
    public void An_unreachable_database_shows_what_happened_and_what_to_do()
    {
        // a PostgreSQL address where nothing listens: the real query fails as it would with the server down
        var options = new StorageOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = $"Host=127.0.0.1;Port={UnusedPort()};Database=none;Username=none;Timeout=2",
        };
        var store = new AuditStore(options);
        Use(store.Query, store.Writer);

        var page = Page();

        var alert = page.Find("[data-audit-unavailable]").TextContent;
        alert.ShouldContain("The audit store is unavailable.");
        alert.ShouldContain("Check that the database server is running");
        page.FindAll("tr[data-audit-row]").ShouldBeEmpty();
    }
}
