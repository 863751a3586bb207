using AigcGateway.Core.Storage;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AigcGateway.Web.Auth;

/// <summary>
/// Data Protection's view of the key ring table: the same table and columns as Core's <see cref="DataProtectionKeyRow"/>
/// (whose context owns the migrations), so that Core keeps no ASP.NET reference. Never migrated itself.
/// </summary>
internal sealed class DataProtectionKeysContext(DbContextOptions<DataProtectionKeysContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var keys = modelBuilder.Entity<DataProtectionKey>();
        keys.ToTable(DataProtectionKeyRow.Table);
        keys.HasKey(e => e.Id);
        keys.Property(e => e.Id).HasColumnName(DataProtectionKeyRow.IdColumn).ValueGeneratedOnAdd();
        keys.Property(e => e.FriendlyName).HasColumnName(DataProtectionKeyRow.FriendlyNameColumn);
        keys.Property(e => e.Xml).HasColumnName(DataProtectionKeyRow.XmlColumn);
    }
}
