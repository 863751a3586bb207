using System.Xml.Linq;
using AigcGateway.Core.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AigcGateway.Web.Auth;

/// <summary>
/// The key ring in the shared database (Data Protection's Entity Framework Core repository), read only once the
/// database has the store's tables. Data Protection asks for the ring at start-up, before the store's own background
/// migration may have run, so the first read migrates (under the replicas' migration lock; nothing to do when done).
/// </summary>
internal sealed class DatabaseKeyRepository(IXmlRepository database, DatabaseMigrator migrator, TimeSpan migrationTimeout) : IXmlRepository
{
    private volatile bool _migrated;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureMigrated();
        return database.GetAllElements();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureMigrated();
        database.StoreElement(element, friendlyName);
    }

    private void EnsureMigrated()
    {
        if (_migrated)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(migrationTimeout);
        try
        {
            // Data Protection's repository interface is synchronous
            migrator.MigrateAsync(timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or OperationCanceledException or TimeoutException)
        {
            throw new InvalidOperationException(
                "The cookie-protection keys are kept in the database, which cannot be reached or migrated: check the Database settings and " +
                "that PostgreSQL is up (sign-in works again once it is; the next request retries).", e);
        }

        _migrated = true;
    }
}
