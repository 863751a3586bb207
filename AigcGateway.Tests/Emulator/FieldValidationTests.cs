using AigcGateway.Tests.Infrastructure;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;

namespace AigcGateway.Tests.Emulator;

/// <summary>Server-side field validation, dry runs and supported field selectors, as a real API server does them.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class FieldValidationTests
{
    private static string Ns => EmulatorHarness.Ns;

    private static string Sets => $"/apis/game.kruise.io/v1alpha1/namespaces/{Ns}/gameserversets";

    private static CancellationToken Ct => EmulatorHarness.Ct;

    /// <summary>A GameServerSet with unknown fields in the schema (spec.foo, spec.network.bar) and in the schemaless pod template.</summary>
    private static string SetWithUnknownFields(string name = "sd")
    {
        var gss = JsonNode.Parse(KubernetesJson.Serialize(EmulatorHarness.NewSet(name, 0)))!.AsObject();
        gss["spec"]!["foo"] = 1;
        gss["spec"]!["network"]!["bar"] = "x";
        gss["spec"]!["gameServerTemplate"]!["spec"]!["customField"] = "kept";
        return gss.ToJsonString();
    }

    private static async Task<HttpResponseMessage> SendAsync(EmulatorHarness h, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await h.Http.SendAsync(request, Ct);
    }

    [Fact]
    public async Task By_default_unknown_fields_are_pruned_and_reported_in_warning_headers()
    {
        await using var h = await EmulatorHarness.StartAsync();

        using var response = await SendAsync(h, HttpMethod.Post, Sets, SetWithUnknownFields());
        var stored = JsonNode.Parse(await h.Http.GetStringAsync($"{Sets}/sd", Ct))!;

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.GetValues("Warning").ShouldBe(["299 - \"unknown field \\\"spec.foo\\\"\"", "299 - \"unknown field \\\"spec.network.bar\\\"\""], ignoreOrder: true);
        stored["spec"]!["foo"].ShouldBeNull();
        stored["spec"]!["network"]!["bar"].ShouldBeNull();
        stored["spec"]!["gameServerTemplate"]!["spec"]!["customField"]!.GetValue<string>().ShouldBe("kept", "the pod template preserves unknown fields");
    }

    [Fact]
    public async Task Strict_field_validation_refuses_unknown_fields_with_400_naming_them_and_stores_nothing()
    {
        await using var h = await EmulatorHarness.StartAsync();

        using var response = await SendAsync(h, HttpMethod.Post, $"{Sets}?fieldValidation=Strict", SetWithUnknownFields());
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        status["kind"]!.GetValue<string>().ShouldBe("Status");
        status["reason"]!.GetValue<string>().ShouldBe("BadRequest");
        status["message"]!.GetValue<string>().ShouldBe(
            "GameServerSet in version \"v1alpha1\" cannot be handled as a GameServerSet: strict decoding error: unknown field \"spec.foo\", unknown field \"spec.network.bar\"");
        (await SendAsync(h, HttpMethod.Get, $"{Sets}/sd")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Strict_field_validation_refuses_an_update_too_and_leaves_the_object_as_it_was()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);
        var created = await h.ReadSetAsync("sd");
        var edited = JsonNode.Parse(SetWithUnknownFields())!.AsObject();
        edited["metadata"]!["resourceVersion"] = created.Metadata.ResourceVersion;
        edited["spec"]!["replicas"] = 1;

        using var response = await SendAsync(h, HttpMethod.Put, $"{Sets}/sd?fieldValidation=Strict", edited.ToJsonString());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await h.ReadSetAsync("sd")).Spec.Replicas.ShouldBe(0);
    }

    [Fact]
    public async Task Ignore_prunes_silently_and_a_known_manifest_gets_no_warning()
    {
        await using var h = await EmulatorHarness.StartAsync();

        using var ignored = await SendAsync(h, HttpMethod.Post, $"{Sets}?fieldValidation=Ignore", SetWithUnknownFields("a"));
        using var clean = await SendAsync(h, HttpMethod.Post, Sets, KubernetesJson.Serialize(EmulatorHarness.NewSet("b", 0)));

        ignored.StatusCode.ShouldBe(HttpStatusCode.Created);
        ignored.Headers.Contains("Warning").ShouldBeFalse();
        clean.Headers.Contains("Warning").ShouldBeFalse();
    }

    [Fact]
    public async Task A_dry_run_validates_and_answers_but_stores_nothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);
        var created = await h.ReadSetAsync("sd");
        var version = h.Emulator.ResourceVersion;

        using var create = await SendAsync(h, HttpMethod.Post, $"{Sets}?dryRun=All", KubernetesJson.Serialize(EmulatorHarness.NewSet("other", 0)));
        using var strict = await SendAsync(h, HttpMethod.Post, $"{Sets}?dryRun=All&fieldValidation=Strict", SetWithUnknownFields("third"));
        var edited = JsonNode.Parse(KubernetesJson.Serialize(created))!.AsObject();
        edited["spec"]!["replicas"] = 3;
        using var update = await SendAsync(h, HttpMethod.Put, $"{Sets}/sd?dryRun=All", edited.ToJsonString());
        using var delete = await SendAsync(h, HttpMethod.Delete, $"{Sets}/sd?dryRun=All");

        create.StatusCode.ShouldBe(HttpStatusCode.Created);
        strict.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a dry run is validated like a real write");
        update.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await update.Content.ReadAsStringAsync(Ct))!["spec"]!["replicas"]!.GetValue<int>().ShouldBe(3);
        delete.StatusCode.ShouldBe(HttpStatusCode.OK);
        h.Emulator.ResourceVersion.ShouldBe(version, "nothing was written");
        (await SendAsync(h, HttpMethod.Get, $"{Sets}/other")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await h.ReadSetAsync("sd")).Spec.Replicas.ShouldBe(0);
    }

    [Fact]
    public async Task Field_selectors_are_limited_to_the_fields_the_real_server_supports()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 1);

        var unsupported = await h.RawAsync(HttpMethod.Get, $"/api/v1/namespaces/{Ns}/events?fieldSelector=message%3Dx");
        var unsupportedWatch = await h.RawAsync(HttpMethod.Get, $"/api/v1/namespaces/{Ns}/persistentvolumeclaims?watch=true&fieldSelector=spec.volumeName%3Dx");
        var bySource = await h.Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.kind=Pod,source=kubelet,type=Normal", cancellationToken: Ct);
        var byName = await h.Client.CoreV1.ListNamespacedPodAsync(Ns, fieldSelector: "metadata.name=sd-0", cancellationToken: Ct);

        unsupported.Code.ShouldBe(HttpStatusCode.BadRequest);
        unsupported.Body!["message"]!.GetValue<string>().ShouldBe("field label not supported: message");
        unsupportedWatch.Code.ShouldBe(HttpStatusCode.BadRequest, "refused before any stream starts");
        bySource.Items.ShouldNotBeEmpty();
        bySource.Items.ShouldAllBe(e => e.Source.Component == "kubelet" && e.InvolvedObject.Kind == "Pod");
        byName.Items.ShouldHaveSingleItem();
    }
}
