using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using AigcGateway.Web.Demo;
using AigcGateway.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Demo mode (Development without a Logto endpoint): emulators on loopback ports stand in for Logto and Kubernetes.
// Decided before anything is registered; the emulators start first and their settings enter the configuration like
// any other source, so the gateway is wired exactly as in production.
await using var demo = GatewayConfiguration.IsDemoMode(builder) ? await DemoEnvironment.StartAsync(builder) : null;
builder.AddGatewayConfiguration(new GatewayMode(IsDemo: demo is not null) { DemoDashboardUrl = demo?.DashboardUrl });
builder.AddGatewayAuthentication();
builder.AddGatewayCluster();
builder.AddGatewayStorage();
builder.AddGatewayAdministration();
builder.AddGatewayWeb();

var app = builder.Build();

// Bad settings: every problem at once, readably, and exit code 1 (not an unhandled exception).
if (ConfigurationProblems.Of(app.Services) is { Count: > 0 } problems)
{
    return ConfigurationProblems.Report(problems, Console.Error);
}

app.UseGatewayWeb();
demo?.Map(app);

try
{
    await app.RunAsync();
}
catch (Exception e) when (ConfigurationProblems.In(e) is { Count: > 0 } late)
{
    return ConfigurationProblems.Report(late, Console.Error);
}

return 0;
