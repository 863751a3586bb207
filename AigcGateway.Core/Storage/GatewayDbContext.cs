using AigcGateway.Core.Storage.Audit;
using Microsoft.EntityFrameworkCore;

namespace AigcGateway.Core.Storage;

/// <summary>
/// The gateway's one database model: history and settings (Kubernetes stays the source of truth for templates,
/// instances and ownership). Each provider has a derived context only so that its migrations have their own folder
/// and snapshot (<see cref="SqliteGatewayDbContext"/>, <see cref="PostgreSqlGatewayDbContext"/>); the model is here.
/// </summary>
internal abstract class GatewayDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<AuditRow> AuditEntries => Set<AuditRow>();

    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var audit = modelBuilder.Entity<AuditRow>();
        audit.ToTable("audit_entries");
        audit.HasKey(e => e.Id);
        audit.Property(e => e.Id).HasColumnName("id").ValueGeneratedOnAdd();
        audit.Property(e => e.Time).HasColumnName("time");
        audit.Property(e => e.ActorId).HasColumnName("actor_id").HasMaxLength(AuditRow.ActorIdLength);
        audit.Property(e => e.Actor).HasColumnName("actor").HasMaxLength(AuditRow.ActorLength);
        audit.Property(e => e.Action).HasColumnName("action").HasMaxLength(AuditRow.ActionLength);
        audit.Property(e => e.Template).HasColumnName("template").HasMaxLength(AuditRow.TemplateLength);
        audit.Property(e => e.InstanceId).HasColumnName("instance_id");
        audit.Property(e => e.Target).HasColumnName("target").HasMaxLength(AuditRow.TargetLength);
        audit.Property(e => e.Outcome).HasColumnName("outcome").HasConversion<string>().HasMaxLength(AuditRow.OutcomeLength);
        audit.Property(e => e.Detail).HasColumnName("detail").HasMaxLength(AuditRow.DetailLength);
        audit.Property(e => e.Replica).HasColumnName("replica").HasMaxLength(AuditRow.ReplicaLength);
        audit.Property(e => e.Count).HasColumnName("count").HasDefaultValue(1);
        audit.Property(e => e.Search).HasColumnName("search");

        // keyset paging walks (time, id) downwards; each filter has its own index ending in the same key
        audit.HasIndex(e => new { e.Time, e.Id }).HasDatabaseName("ix_audit_entries_time_id");
        audit.HasIndex(e => new { e.ActorId, e.Time, e.Id }).HasDatabaseName("ix_audit_entries_actor_id_time_id");
        audit.HasIndex(e => new { e.Template, e.Time, e.Id }).HasDatabaseName("ix_audit_entries_template_time_id");
        audit.HasIndex(e => new { e.Action, e.Time, e.Id }).HasDatabaseName("ix_audit_entries_action_time_id");
        audit.HasIndex(e => new { e.Outcome, e.Time, e.Id }).HasDatabaseName("ix_audit_entries_outcome_time_id");

        var keys = modelBuilder.Entity<DataProtectionKeyRow>();
        keys.ToTable(DataProtectionKeyRow.Table);
        keys.HasKey(e => e.Id);
        keys.Property(e => e.Id).HasColumnName(DataProtectionKeyRow.IdColumn).ValueGeneratedOnAdd();
        keys.Property(e => e.FriendlyName).HasColumnName(DataProtectionKeyRow.FriendlyNameColumn);
        keys.Property(e => e.Xml).HasColumnName(DataProtectionKeyRow.XmlColumn);
    }
}
