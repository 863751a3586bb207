using AigcGateway.Core.Storage;
using AigcGateway.Web.Configuration;
using AigcGateway.Web.Hosting;

namespace AigcGateway.Tests.Storage;

/// <summary>The Database settings: validated with every problem named at once, and turned into the store's options.</summary>
public sealed class DatabaseOptionsTests
{
    private static IReadOnlyList<string> Problems(DatabaseOptions options) =>
        new DatabaseOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Nothing_configured_is_valid_and_means_sqlite_in_the_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("aigc-gateway-dbopt-").FullName;
        var options = new DatabaseOptions { DataDirectory = directory };

        Problems(options).ShouldBeEmpty();
        var store = GatewayStorageExtensions.StorageOptionsOf(options);
        store.Provider.ShouldBe(DatabaseProvider.Sqlite);
        store.ConnectionString.ShouldContain(Path.Combine(directory, "gateway.db"));
        store.AuditRetention.ShouldBe(TimeSpan.FromDays(400));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_names_its_key()
    {
        var problems = Problems(new DatabaseOptions { Provider = "MySql", AuditRetentionDays = 0, AuditBufferCapacity = 5 });

        problems.Count.ShouldBe(3);
        problems[0].ShouldStartWith("Database:Provider 'MySql' must be Sqlite");
        problems[1].ShouldStartWith("Database:AuditRetentionDays '0'");
        problems[2].ShouldStartWith("Database:AuditBufferCapacity '5'");
    }

    [Fact]
    public void Postgresql_needs_a_valid_connection_string()
    {
        Problems(new DatabaseOptions { Provider = "postgresql" }).Single().ShouldStartWith("ConnectionStrings:Gateway is required with Database:Provider PostgreSql");
        Problems(new DatabaseOptions { Provider = "PostgreSql", ConnectionString = "Hots=db" }).Single().ShouldStartWith("ConnectionStrings:Gateway is not a valid connection string");
    }

    [Fact]
    public void A_data_directory_that_cannot_be_created_is_reported()
    {
        var file = Path.GetTempFileName();
        Problems(new DatabaseOptions { DataDirectory = Path.Combine(file, "data") }).Single().ShouldStartWith($"Database:DataDirectory '{Path.Combine(file, "data")}' cannot be created");
        File.Delete(file);
    }

    [Fact]
    public void The_password_setting_goes_into_the_postgresql_connection_string()
    {
        var store = GatewayStorageExtensions.StorageOptionsOf(new DatabaseOptions
        {
            Provider = "PostgreSql",
            ConnectionString = "Host=db;Database=aigc_gateway;Username=aigc_gateway",
            Password = "s3cr;et",
        });

        new Npgsql.NpgsqlConnectionStringBuilder(store.ConnectionString).Password.ShouldBe("s3cr;et");
    }
}
