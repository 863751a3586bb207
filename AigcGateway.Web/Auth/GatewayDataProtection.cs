using System.Security.Cryptography.X509Certificates;
using AigcGateway.Core.Storage;
using AigcGateway.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace AigcGateway.Web.Auth;

/// <summary>
/// Where the cookie-protection key ring lives and how it is protected at rest. The ring is kept in
/// <c>Gateway:DataProtectionKeysPath</c> when that is set (it wins), else in the PostgreSQL database when
/// <c>Database:Provider</c> is PostgreSql (every replica shares it), else in memory (and the local profile).
/// With <c>Gateway:DataProtectionCertificatePath</c> every key is encrypted with that certificate; the previous one
/// (<c>Gateway:DataProtectionPreviousCertificatePath</c>) still decrypts keys written before a rotation.
/// </summary>
/// <remarks>
/// The settings are read raw: Data Protection is configured before options validation, which reports a bad value
/// (<see cref="GatewayOptionsValidator"/>) together with every other problem; a certificate that cannot be loaded is
/// therefore not used here, and start-up stops on that report.
/// </remarks>
internal static class GatewayDataProtection
{
    /// <summary>How long the first key ring read may take to migrate the database before it fails (and is retried).</summary>
    internal static readonly TimeSpan MigrationWait = TimeSpan.FromSeconds(30);

    public static void AddGatewayDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(GatewayAuthentication.ApplicationName);
        var keysPath = configuration["Gateway:DataProtectionKeysPath"];
        var inDatabase = string.IsNullOrWhiteSpace(keysPath)
            && new DatabaseOptions { Provider = configuration["Database:Provider"] }.ParsedProvider == DatabaseProvider.PostgreSql;
        if (inDatabase)
        {
            services.AddDbContext<DataProtectionKeysContext>((sp, options) =>
                options.UseNpgsql(sp.GetRequiredService<GatewayDatabase>().Options.ConnectionString));
        }

        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider, ILoggerFactory>((keys, sp, loggers) =>
            {
                if (!string.IsNullOrWhiteSpace(keysPath))
                {
                    keys.XmlRepository = new FileSystemXmlRepository(Directory.CreateDirectory(keysPath), loggers);
                }
                else if (inDatabase)
                {
                    keys.XmlRepository = new DatabaseKeyRepository(
                        new EntityFrameworkCoreXmlRepository<DataProtectionKeysContext>(sp, loggers),
                        sp.GetRequiredService<DatabaseMigrator>(),
                        MigrationWait);
                }
            });

        if (TryLoad(configuration, CertificateSettings.Current) is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
            if (TryLoad(configuration, CertificateSettings.Previous) is { } previous)
            {
                dataProtection.UnprotectKeysWithAnyCertificate(previous);
            }
        }
    }

    private static X509Certificate2? TryLoad(IConfiguration configuration, CertificateSettings settings)
    {
        var path = configuration[settings.PathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            return DataProtectionCertificate.Load(path, configuration[settings.KeyPathKey], configuration[settings.PasswordKey]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return null; // GatewayOptionsValidator reports it and start-up stops
        }
    }
}
