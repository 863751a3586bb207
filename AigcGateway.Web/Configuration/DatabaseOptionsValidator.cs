using AigcGateway.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AigcGateway.Web.Configuration;

/// <summary>Validates the <c>Database</c> section and the connection string (every problem at once, each naming its key).</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var errors = new List<string>();
        var key = "ConnectionStrings:" + DatabaseOptions.ConnectionStringName;
        switch (options.ParsedProvider)
        {
            case null:
                errors.Add($"Database:Provider '{options.Provider}' must be Sqlite (embedded, one replica) or PostgreSql (several replicas)");
                break;
            case DatabaseProvider.PostgreSql when string.IsNullOrWhiteSpace(options.ConnectionString):
                errors.Add($"{key} is required with Database:Provider PostgreSql, e.g. Host=postgresql;Database=aigc_gateway;Username=aigc_gateway;Password=...");
                break;
            case DatabaseProvider.PostgreSql:
                Parse(errors, key, () => new NpgsqlConnectionStringBuilder(options.ConnectionString), "Host=postgresql;Database=aigc_gateway;Username=aigc_gateway;Password=...");
                break;
            case DatabaseProvider.Sqlite when !string.IsNullOrWhiteSpace(options.ConnectionString):
                Parse(errors, key, () => new SqliteConnectionStringBuilder(options.ConnectionString), "Data Source=/var/lib/aigc-gateway/gateway.db");
                break;
            case DatabaseProvider.Sqlite when string.IsNullOrWhiteSpace(options.DataDirectory):
                errors.Add("Database:DataDirectory must not be empty");
                break;
            case DatabaseProvider.Sqlite:
                Writable(errors, options.DataDirectory!);
                break;
        }

        if (options.AuditRetentionDays is < 1 or > 36_500)
        {
            errors.Add($"Database:AuditRetentionDays '{options.AuditRetentionDays}' must be between 1 and 36500, e.g. 400");
        }

        if (options.AuditBufferCapacity is < 100 or > 1_000_000)
        {
            errors.Add($"Database:AuditBufferCapacity '{options.AuditBufferCapacity}' must be between 100 and 1000000, e.g. 10000");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Parse(List<string> errors, string key, Func<object> parse, string example)
    {
        try
        {
            parse();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            // the message names the keyword, never the password
            errors.Add($"{key} is not a valid connection string ({e.Message}), e.g. {example}");
        }
    }

    private static void Writable(List<string> errors, string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add($"Database:DataDirectory '{directory}' cannot be created ({e.Message}): mount a writable volume there, set another directory, or use Database:Provider PostgreSql");
        }
    }
}
