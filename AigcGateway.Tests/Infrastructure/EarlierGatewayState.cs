using System.Text;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>What a deployment of the earlier gateway leaves in the cluster, set up through the Kubernetes API emulator.</summary>
public static class EarlierGatewayState
{
    /// <summary>
    /// Sets the template's <c>replicas</c> as the earlier gateway's installs did (OKG then creates ids 0..n-1, owned by
    /// nobody in the gateway's record), and waits until OKG has created the GameServer of the highest id.
    /// </summary>
    public static async Task RunInstancesAsync(Uri kubernetes, string @namespace, string template, int replicas)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = kubernetes };
        var body = $$$"""{"spec":{"replicas":{{{replicas}}}}}""";
        using (var patch = new StringContent(body, Encoding.UTF8, "application/merge-patch+json"))
        {
            (await http.PatchAsync(new Uri($"apis/game.kruise.io/v1alpha1/namespaces/{@namespace}/gameserversets/{template}", UriKind.Relative), patch, ct))
                .EnsureSuccessStatusCode();
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        var gameServer = new Uri($"apis/game.kruise.io/v1alpha1/namespaces/{@namespace}/gameservers/{template}-{replicas - 1}", UriKind.Relative);
        while (!(await http.GetAsync(gameServer, ct)).IsSuccessStatusCode)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"OKG did not create {template}-{replicas - 1}");
            await Task.Delay(50, ct);
        }
    }
}
