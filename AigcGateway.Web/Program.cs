using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using AigcGateway.Web.Demo;
using AigcGateway.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
var demoMode = GatewayConfiguration.IsDemoMode(builder);
builder.AddGatewayConfiguration(demoMode);
builder.AddGatewayAuthentication();
builder.AddGatewayCluster();
builder.AddGatewayStorage();
builder.AddGatewayAdministration();
builder.AddGatewayWeb();

var app = builder.Build();

// Demo mode (Development without a Logto endpoint): emulators on loopback ports stand in for Logto and Kubernetes.
// They start once the gateway's host is built; options are read when first used, so their settings still apply.
await using var demo = demoMode ? await DemoEnvironment.StartAsync(app) : null;

app.UseGatewayWeb();
if (demo is not null)
{
    app.MapDemoInstances();
}

await app.RunAsync();
