using System.Net;
using AigcGateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AigcGateway.Tests.Resilience;

/// <summary>The host's policy for background services that fail anyway: log it, keep serving.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class BackgroundFailureTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_background_service_that_throws_does_not_stop_the_gateway()
    {
        await using var factory = new GatewayAppFactory();
        var logs = new FakeLogCollector();
        await using var app = factory.WithWebHostBuilder(b => b
            .ConfigureLogging(l => l.AddProvider(new FakeLoggerProvider(logs)))
            .ConfigureServices(s => s.AddSingleton<IHostedService, ThrowingService>()));
        using var client = app.CreateClient();

        await Eventually.HoldsAsync(
            () => logs.GetSnapshot().Any(r => r.Exception is ThrowingService.Failure),
            "the host logged the background service's failure");
        var healthz = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);

        healthz.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested.ShouldBeFalse();
    }

    private sealed class ThrowingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new Failure();
        }

        public sealed class Failure : Exception
        {
            public Failure()
                : base("a bug in a background loop")
            {
            }
        }
    }
}
