using AigcGateway.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGatewayWeb();

var app = builder.Build();
app.UseGatewayWeb();
app.Run();
