using AigcGateway.Core.Storage;
using AigcGateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Hosting;

/// <summary>The durable store (SQLite by default, PostgreSQL for several replicas) from the <c>Database</c> settings.</summary>
public static class GatewayStorageExtensions
{
    public static WebApplicationBuilder AddGatewayStorage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .PostConfigure(options =>
            {
                options.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
                options.DataDirectory ??= DatabaseOptions.DefaultDataDirectory(development);
            })
            .ValidateOnStart();
        builder.Services.AddGatewayStorage(sp => StorageOptionsOf(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        return builder;
    }

    internal static StorageOptions StorageOptionsOf(DatabaseOptions database)
    {
        var provider = database.ParsedProvider ?? DatabaseProvider.Sqlite;
        return new StorageOptions
        {
            Provider = provider,
            ConnectionString = string.IsNullOrWhiteSpace(database.ConnectionString)
                ? StorageOptions.SqliteFileIn(database.DataDirectory ?? DatabaseOptions.DefaultDataDirectory(development: false))
                : provider == DatabaseProvider.PostgreSql && !string.IsNullOrEmpty(database.Password)
                    ? new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = database.Password }.ToString()
                    : database.ConnectionString,
            AuditRetention = TimeSpan.FromDays(database.AuditRetentionDays),
            AuditBufferCapacity = database.AuditBufferCapacity,
        };
    }
}
