using Microsoft.EntityFrameworkCore.Design;

namespace AigcGateway.Core.Storage;

/// <summary>For <c>dotnet ef migrations add &lt;Name&gt; --context PostgreSqlGatewayDbContext --output-dir Storage/Migrations/PostgreSql</c> only (no server is contacted).</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlGatewayDbContext>
{
    public PostgreSqlGatewayDbContext CreateDbContext(string[] args) =>
        (PostgreSqlGatewayDbContext)new GatewayDatabase(new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=localhost;Database=design_time" }).CreateContext();
}
