using AigcGateway.Core.Storage;

namespace AigcGateway.Tests.Storage;

/// <summary>The audit store on SQLite, the embedded default (a file in a temporary directory).</summary>
public sealed class SqliteAuditStoreTests : AuditStoreContract
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aigc-gateway-sqlite-");
    private int _databases;

    protected override Task<StorageOptions> NewDatabaseAsync() => Task.FromResult(new StorageOptions
    {
        Provider = DatabaseProvider.Sqlite,
        ConnectionString = StorageOptions.SqliteFileIn(Path.Combine(_directory.FullName, "db" + Interlocked.Increment(ref _databases))),
    });

    /// <summary>The file (and its write-ahead log) deleted: the next connection creates an empty one.</summary>
    protected override Task ReplaceWithEmptyAsync(StorageOptions options)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
