using Microsoft.EntityFrameworkCore.Design;

namespace AigcGateway.Core.Storage;

/// <summary>For <c>dotnet ef migrations add &lt;Name&gt; --context SqliteGatewayDbContext --output-dir Storage/Migrations/Sqlite</c> only.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGatewayDbContext>
{
    public SqliteGatewayDbContext CreateDbContext(string[] args) =>
        (SqliteGatewayDbContext)new GatewayDatabase(new StorageOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" }).CreateContext();
}
