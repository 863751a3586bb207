using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AigcGateway.Core.Coordination;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using AigcGateway.Emulators.Logto;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AigcGateway.Tests.Resilience;

/// <summary>Two gateway replicas on one emulated cluster while its API server is down for 30 seconds.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class TwoReplicaOutageTests
{
    private static readonly TemplateRef SdCpu = new("aigc", "sd-cpu");
    private static readonly string Alice = LogtoDemoUsers.Alice.Id;
    private static readonly string Bob = LogtoDemoUsers.Bob.Id;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>Short backoffs and lease timings for this test only (production keeps its defaults).</summary>
    private static void ShortTimings(IWebHostBuilder builder) => builder.ConfigureServices(s =>
    {
        s.AddSingleton(new ClusterCacheOptions { InitialBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(2) });
        s.AddSingleton(new LeadershipOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(3),
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(500),
            Backoff = new RetryBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)),
        });
    });

    private static async Task WaitForDashboardAsync(IInstanceService instances, string user, Func<UserDashboard, bool> condition, TimeSpan timeout, string what)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(timeout);
        await using var subscription = await instances.SubscribeAsync(user, bounded.Token);
        if (condition(subscription.Snapshot))
        {
            return;
        }

        try
        {
            await foreach (var dashboard in subscription.Changes.WithCancellation(bounded.Token))
            {
                if (condition(dashboard))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out waiting until {what}.");
        }
    }

    private static async Task<HttpStatusCode> AuthAsync(WebApplicationFactory<Program> replica, HttpClient client, string userId, string url)
    {
        var cookie = new InstanceAccessCookie(
                replica.Services.GetRequiredService<IDataProtectionProvider>(),
                TimeProvider.System,
                replica.Services.GetRequiredService<IOptions<GatewayOptions>>())
            .Protect(userId, userId + "@example.com", false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth");
        request.Headers.Add("X-Original-URL", url);
        request.Headers.Add("Cookie", $"{InstanceAccessCookie.Name}={cookie}");
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task Both_replicas_outlive_a_30_second_api_outage_keep_answering_auth_say_the_cluster_is_unreachable_and_resynchronise()
    {
        await using var primary = new GatewayAppFactory();
        await using var secondary = new GatewayAppFactory(primary);
        await using var a = primary.WithWebHostBuilder(ShortTimings);
        await using var b = secondary.WithWebHostBuilder(ShortTimings);
        WebApplicationFactory<Program>[] replicas = [a, b];
        var clients = replicas.Select(r => r.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false })).ToArray();
        var instances = replicas.Select(r => r.Services.GetRequiredService<IInstanceService>()).ToArray();
        foreach (var replica in instances)
        {
            await replica.WaitForReadyAsync();
        }

        (await instances[0].InstallAsync(Alice, SdCpu, Ct)).Succeeded.ShouldBeTrue();
        var url = (await instances[1].WaitForStateAsync(Alice, SdCpu, InstanceState.Running)).Url!.ToString();
        for (var i = 0; i < 2; i++)
        {
            (await AuthAsync(replicas[i], clients[i], Alice, url)).ShouldBe(HttpStatusCode.OK);
        }

        var kubernetes = primary.Kubernetes;
        var clock = Stopwatch.StartNew();
        await kubernetes.Faults.MakeUnreachableAsync(TimeSpan.FromSeconds(30));

        foreach (var replica in instances)
        {
            await WaitForDashboardAsync(replica, Alice, d => d.ClusterUnreachableSince is not null, TimeSpan.FromSeconds(20), "the dashboard says the cluster is unreachable");
        }

        var noticed = clock.Elapsed;
        for (var i = 0; i < 2; i++)
        {
            (await AuthAsync(replicas[i], clients[i], Alice, url)).ShouldBe(HttpStatusCode.OK, "/auth answers from the last snapshot");
            (await AuthAsync(replicas[i], clients[i], Bob, url)).ShouldBe(HttpStatusCode.Forbidden);
            (await instances[i].DashboardAsync(Alice)).InstanceOf(SdCpu)!.State.ShouldBe(InstanceState.Running);
            var ready = await clients[i].GetAsync(new Uri("/readyz", UriKind.Relative), Ct);
            ready.StatusCode.ShouldBe(HttpStatusCode.OK, "a replica serving its last snapshot stays in the Service");
            (await ready.Content.ReadAsStringAsync(Ct)).ShouldBe("Degraded");
        }

        (await instances[1].InstallAsync(Bob, SdCpu, Ct)).Error.ShouldBe(OperationError.ClusterError, "a change cannot be made while the API is down");
        kubernetes.Faults.IsUnreachable.ShouldBeTrue("the checks above ran during the outage");

        foreach (var replica in instances)
        {
            await WaitForDashboardAsync(replica, Alice, d => d.ClusterUnreachableSince is null, TimeSpan.FromSeconds(45), "the dashboard says the cluster is reachable again");
        }

        var reconnected = clock.Elapsed;
        (await instances[1].InstallAsync(Bob, SdCpu, Ct)).Succeeded.ShouldBeTrue();
        await instances[0].WaitForStateAsync(Bob, SdCpu, InstanceState.Running);
        var resynchronised = clock.Elapsed;
        await LeaseRenewedAfterAsync(kubernetes.BaseAddress, DateTime.UtcNow - (clock.Elapsed - reconnected));

        for (var i = 0; i < 2; i++)
        {
            replicas[i].Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested.ShouldBeFalse($"replica {i} is still up");
            (await clients[i].GetAsync(new Uri("/healthz", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await clients[i].GetStringAsync(new Uri("/readyz", UriKind.Relative), Ct)).ShouldBe("Healthy");
        }

        Xunit.TestContext.Current.TestOutputHelper?.WriteLine(
            $"outage noticed after {noticed.TotalSeconds:0.0} s, reconnected {reconnected.TotalSeconds:0.0} s after it began, a change after it reached the other replica at {resynchronised.TotalSeconds:0.0} s");
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    /// <summary>Waits (bounded) until the background Lease has been renewed after <paramref name="after"/>: a replica leads again.</summary>
    private static async Task LeaseRenewedAfterAsync(Uri api, DateTime after)
    {
        using var http = new HttpClient { BaseAddress = api };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var lease = await http.GetStringAsync(new Uri("apis/coordination.k8s.io/v1/namespaces/default/leases/aigc-gateway-background", UriKind.Relative), Ct);
            if (JsonNode.Parse(lease)!["spec"]?["renewTime"]?.GetValue<DateTime>() is { } renewed && renewed.ToUniversalTime() > after)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting until a replica leads again and renews the lease.");
            }

            await Task.Delay(100, Ct);
        }
    }
}
