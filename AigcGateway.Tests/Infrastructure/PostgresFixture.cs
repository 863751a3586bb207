[assembly: AssemblyFixture(typeof(AigcGateway.Tests.Infrastructure.PostgresFixture))]

namespace AigcGateway.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole run, started when a test first asks for a database (so runs without store tests
/// start none) and stopped at the end. Each test class takes a fresh database of its own.
/// </summary>
public sealed class PostgresFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private PostgresServer? _server;

    /// <summary>The connection string of a new, empty database on the shared server.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        await _starting.WaitAsync(cancellationToken);
        try
        {
            _server ??= await PostgresServer.CreateAsync(cancellationToken);
        }
        finally
        {
            _starting.Release();
        }

        return await _server.CreateDatabaseAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _starting.Dispose();
    }
}
