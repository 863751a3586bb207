using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests (the Debian package <c>postgresql</c>; <c>./test.sh</c> installs it): a new
/// cluster in a temporary directory, listening on a free loopback port, run as the <c>postgres</c> user when the tests
/// run as root (PostgreSQL refuses root) and as the current user otherwise. <see cref="StopAsync"/> and
/// <see cref="StartAsync"/> take it down and up again on the same port (the outage tests). The benchmark links this file.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly DirectoryInfo _directory;
    private readonly bool _asPostgres;

    private PostgresServer(string bin, DirectoryInfo directory, int port, bool asPostgres)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
        _asPostgres = asPostgres;
    }

    public int Port { get; }

    public bool IsRunning { get; private set; }

    private string DataDirectory => Path.Combine(_directory.FullName, "data");

    /// <summary>Initialises a cluster and starts it.</summary>
    public static async Task<PostgresServer> CreateAsync(CancellationToken cancellationToken)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/<version>/bin/initdb): run ./test.sh, or apt-get install -y postgresql");
        }

        var directory = Directory.CreateTempSubdirectory("aigc-gateway-pg-");
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory.FullName], cancellationToken);
        }

        var server = new PostgresServer(bin, directory, FreeLoopbackPort(), asPostgres);
        await server.RunAsPostgresAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], cancellationToken);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>A connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Timeout = 5,
        CommandTimeout = 30,
    }.ToString();

    /// <summary>Creates an empty database with a fresh name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = $"-p {Port} -k {_directory.FullName} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=32MB";
        await RunAsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_directory.FullName, "server.log"), "-o", options, "-w", "-t", "60", "start"], cancellationToken);
        IsRunning = true;
    }

    /// <summary>Stops the server at once (open connections are cut, as when a database server goes away; committed work survives).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await RunAsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "60", "stop"], cancellationToken);
        IsRunning = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            await StopAsync(CancellationToken.None);
        }

        _directory.Delete(recursive: true);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) => _asPostgres
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments], cancellationToken)
        : RunAsync(Path.Combine(_bin, tool), arguments, cancellationToken);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
