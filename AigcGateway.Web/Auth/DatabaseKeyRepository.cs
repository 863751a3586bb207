using System.Xml.Linq;
using AigcGateway.Core.Storage.Audit;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AigcGateway.Web.Auth;

/// <summary>
/// The key ring in the shared database (Data Protection's Entity Framework Core repository), read only once the store
/// has created its tables: the store migrates in the background, while Data Protection asks for the ring at start-up
/// and on the first request.
/// </summary>
internal sealed class DatabaseKeyRepository(IXmlRepository database, AuditWriter store, TimeSpan migrationWait) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        WaitForMigration();
        return database.GetAllElements();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        WaitForMigration();
        database.StoreElement(element, friendlyName);
    }

    private void WaitForMigration()
    {
        // Data Protection's repository interface is synchronous; the wait ends as soon as the migration does
        if (!store.WhenMigrated.Wait(migrationWait))
        {
            throw new InvalidOperationException(
                $"The cookie-protection keys are kept in the database, which is not reachable or not migrated yet (waited {migrationWait.TotalSeconds:0} s): " +
                "check Database settings and that PostgreSQL is up; the gateway keeps retrying.");
        }
    }
}
