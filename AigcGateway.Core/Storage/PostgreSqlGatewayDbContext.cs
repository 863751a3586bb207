using Microsoft.EntityFrameworkCore;

namespace AigcGateway.Core.Storage;

/// <summary>
/// The model on PostgreSQL (migrations in <c>Storage/Migrations/PostgreSql</c>), with a trigram index so that the audit
/// log's free-text search (<c>LIKE '%text%'</c>) does not read the whole table.
/// </summary>
internal sealed class PostgreSqlGatewayDbContext(DbContextOptions<PostgreSqlGatewayDbContext> options) : GatewayDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<Audit.AuditRow>()
            .HasIndex(e => e.Search)
            .HasDatabaseName("ix_audit_entries_search_trgm")
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops");
    }
}
