using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
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
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Admin;

/// <summary>
/// The Audit log page over the real store on SQLite (a file per test): rows, filters, paging, export link, outage, names,
/// links that open it pre-filtered, live refresh of the first page, and what assistive technology reads.
/// </summary>
public sealed class AuditLogPageTests : BunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = AdminContext.Now;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aigc-gateway-auditpage-");
    private AuditStore? _store;
    private IAuditQuery? _query;
    private IAuditStoreStatus? _status;
    private readonly FakeTimeProvider _time = new(Now);

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
        Services.AddSingleton<IAdministration>(Admin);
        Services.AddSingleton<TimeProvider>(_time);
        JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = AddAuthorization();
        auth.SetAuthorized("Ada Admin");
        auth.SetPolicies(GatewayPolicies.Administrator);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private FakeAdministration Admin { get; } = new();

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

    private IRenderedComponent<AdminHost> Page(string? query = null)
    {
        if (query is not null)
        {
            Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/audit" + query);
        }

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

    [Fact]
    public async Task A_link_from_another_admin_page_opens_the_log_filtered_by_template_and_instance_with_the_form_showing_it()
    {
        await StoreAsync(
            Entry(0, "alice", AuditActions.Installed),
            Entry(1, "bob", AuditActions.Installed, template: "aigc/comfyui") with { Target = "aigc/comfyui#3", InstanceId = 3 },
            Entry(2, "carol", AuditActions.Paused, template: "aigc/comfyui") with { Target = "aigc/comfyui#4", InstanceId = 4 });

        var page = Page(AuditLink.Of(new InstanceRef(new TemplateRef("aigc", "comfyui"), 3))[AuditLink.All.Length..]);

        Rows(page).ShouldBe(["installed bob"]);
        page.Find("input[data-filter='template']").GetAttribute("value").ShouldBe("aigc/comfyui");
        page.Find("input[data-filter='instance']").GetAttribute("value").ShouldBe("3");
        page.Find("[data-action='export']").GetAttribute("href").ShouldBe("/admin/audit/export?template=aigc%2Fcomfyui&instance=3");

        page.Find("input[data-filter='instance']").Change("");
        page.Find("form[data-audit-filters]").Submit();
        page.WaitForAssertion(() => Rows(page).ShouldBe(["paused carol", "installed bob"]));
    }

    [Fact]
    public async Task People_are_named_from_logto_with_one_lookup_for_the_page_and_unknown_ids_stay_ids()
    {
        Admin.Names = Admin.Names.Add("alice", "Alice Li").Add("bob", "Bob Brown");
        await StoreAsync(
            Entry(0, "alice", AuditActions.Installed),
            Entry(1, "alice", AuditActions.Paused),
            new AuditEntry(Now.AddMinutes(2), "Ada (admin-1)", AuditActions.Paused, "aigc/sd-webui#0 of user bob", true) { Template = new TemplateRef("aigc", "sd-webui") },
            Entry(3, "zed", AuditActions.Restarted));

        var page = Page();

        var rows = page.FindAll("tr[data-audit-row]");
        rows[0].Children[1].TextContent.Trim().ShouldBe("user zed");
        rows[1].Children[1].TextContent.Trim().ShouldBe("Ada (admin-1)");
        rows[1].Children[3].TextContent.Trim().ShouldBe("aigc/sd-webui#0 of Bob Brown");
        rows[1].Children[3].GetAttribute("title").ShouldBe("aigc/sd-webui#0 of user bob");
        rows[2].Children[1].TextContent.Trim().ShouldBe("Alice Li");
        rows[2].Children[1].GetAttribute("title").ShouldBe("alice");
        Admin.NameLookups.Count.ShouldBe(1);
        Admin.NameLookups.Single().Order(StringComparer.Ordinal).ShouldBe(["admin-1", "alice", "bob", "zed"]);
    }

    [Fact]
    public async Task On_the_first_page_new_matching_entries_appear_without_apply()
    {
        var store = await StoreAsync(Entry(0, "alice", AuditActions.Installed), Entry(1, "bob", AuditActions.Installed));
        var page = Page("?user=alice");
        Rows(page).ShouldBe(["installed alice"]);

        store.Writer.Record(Entry(2, "alice", AuditActions.Paused));
        store.Writer.Record(Entry(3, "bob", AuditActions.Paused));
        await store.WrittenAsync(4);
        _time.Advance(AuditLog.LiveInterval);

        page.WaitForAssertion(() => Rows(page).ShouldBe(["paused alice", "installed alice"]));
    }

    [Fact]
    public async Task A_burst_of_writes_reads_the_first_page_once_per_interval_not_once_per_write()
    {
        var store = await StoreAsync(Entry(0, "alice", AuditActions.Installed));
        var counting = new CountingQuery(store.Query);
        Use(counting, store.Writer);
        var page = Page();
        var afterOpen = counting.Pages;

        for (var i = 1; i <= 20; i++)
        {
            // one batch each: the writer reports every batch it wrote
            store.Writer.Record(Entry(i, "u" + i, AuditActions.Restarted));
            await store.WrittenAsync(i + 1);
        }

        counting.Pages.ShouldBe(afterOpen);
        _time.Advance(AuditLog.LiveInterval);
        page.WaitForAssertion(() => Rows(page).Length.ShouldBe(21));
        counting.Pages.ShouldBe(afterOpen + 1);
    }

    [Fact]
    public async Task Away_from_the_first_page_new_entries_do_not_move_the_rows_being_read()
    {
        var store = await StoreAsync([.. Enumerable.Range(0, AuditLog.PageSize + 1).Select(i => Entry(i, "u" + i, AuditActions.Restarted))]);
        var page = Page();
        page.Find("[data-action='older']").Click();
        page.WaitForAssertion(() => Rows(page).ShouldBe(["restarted u0"]));

        store.Writer.Record(Entry(100, "late", AuditActions.Paused));
        await store.WrittenAsync(AuditLog.PageSize + 2);
        _time.Advance(AuditLog.LiveInterval);

        page.WaitForAssertion(() => page.FindAll("[data-audit-live]").ShouldBeEmpty());
        Rows(page).ShouldBe(["restarted u0"]);
    }

    [Fact]
    public async Task Screen_readers_get_a_labelled_form_named_fields_a_captioned_table_a_pager_landmark_and_a_live_count()
    {
        await StoreAsync(Entry(0, "alice", AuditActions.Installed));

        var page = Page();

        page.Find("h1#audit-title").TextContent.ShouldBe("Audit log");
        page.Find("section[aria-labelledby='audit-title']").ShouldNotBeNull();
        page.Find("form[data-audit-filters]").GetAttribute("aria-label").ShouldBe("Filter the audit log");
        foreach (var field in page.FindAll("form[data-audit-filters] input:not([type='hidden']):not([aria-hidden='true'])"))
        {
            var id = field.GetAttribute("id");
            var label = id is null ? null : page.Find("form[data-audit-filters]").QuerySelector($"label[for='{id}']");
            (label?.TextContent ?? field.GetAttribute("aria-label")).ShouldNotBeNullOrWhiteSpace($"input {field.OuterHtml} has no accessible name");
        }

        page.Find("form[data-audit-filters] button[type='submit'][data-action='apply']").TextContent.Trim().ShouldBe("Apply");
        page.Find("a[data-action='export']").TextContent.Trim().ShouldBe("Export CSV");
        page.Find("table caption").TextContent.ShouldBe("Audit log");
        page.FindAll("table thead th").ShouldAllBe(th => th.GetAttribute("scope") == "col");
        var pager = page.Find("nav[aria-label='Audit log pages']");
        pager.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ShouldBe(["Newer", "Older"]);
        page.Find("[aria-live='polite'][data-audit-count]").TextContent.ShouldBe("1 entries shown on page 1");
        page.Find("time").GetAttribute("datetime").ShouldBe(Now.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>The production query, counting the pages the page asked for.</summary>
    private sealed class CountingQuery(IAuditQuery inner) : IAuditQuery
    {
        private int _pages;

        public int Pages => Volatile.Read(ref _pages);

        public Task<AuditPage> PageAsync(AuditFilter filter, AuditCursor? after, int pageSize, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _pages);
            return inner.PageAsync(filter, after, pageSize, cancellationToken);
        }

        public IAsyncEnumerable<AuditEntry> AllAsync(AuditFilter filter, CancellationToken cancellationToken) => inner.AllAsync(filter, cancellationToken);
    }
}
