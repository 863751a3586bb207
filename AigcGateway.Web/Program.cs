using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using AigcGateway.Web.Demo;
using AigcGateway.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
var demoMode = GatewayConfiguration.IsDemoMode(builder);
builder.AddGatewayConfiguration(demoMode);
builder.AddGatewayAuthentication();
builder.AddGatewayCluster();
builder.AddGatewayAdministration();
builder.AddGatewayWeb();

var app = builder.Build();

// Demo mode (Development without a Logto endpoint): emulators on loopback ports stand in for Logto and Kubernetes.
// They start once the gateway's host is built; options are read when first used, so their settings still apply.
await using var demo = demoMode ? await DemoEnvironment.StartAsync(app) : null;

// Bad settings: every problem at once, readably, and exit code 1 (not an unhandled exception).
if (ConfigurationProblems.Of(app.Services) is { Count: > 0 } problems)
{
    return ConfigurationProblems.Report(problems, Console.Error);
}

app.UseGatewayWeb();
if (demo is not null)
{
    app.MapDemoInstances();
}

try
{
    await app.RunAsync();
}
catch (Exception e) when (ConfigurationProblems.In(e) is { Count: > 0 } late)
{
    return ConfigurationProblems.Report(late, Console.Error);
}

return 0;
