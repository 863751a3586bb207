using Microsoft.EntityFrameworkCore;

namespace AigcGateway.Core.Storage;

/// <summary>The model on SQLite (migrations in <c>Storage/Migrations/Sqlite</c>).</summary>
internal sealed class SqliteGatewayDbContext(DbContextOptions<SqliteGatewayDbContext> options) : GatewayDbContext(options);
