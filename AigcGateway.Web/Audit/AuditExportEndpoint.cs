using System.Text;
using AigcGateway.Core.Storage;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Resources;
using Microsoft.Extensions.Localization;

namespace AigcGateway.Web.Audit;

/// <summary>
/// <c>GET /admin/audit/export</c>: the audit log under the page's filter as CSV, streamed (read in chunks by keyset, so
/// any size), administrators only.
/// </summary>
public static class AuditExportEndpoint
{
    public const string Path = "/admin/audit/export";

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(GatewayPolicies.Administrator).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task ExportAsync(HttpContext context, IAuditQuery audit, TimeProvider time, IStringLocalizer<Strings> text)
    {
        var filter = AuditFilterQuery.FromQuery(context.Request.Query);
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        await using var entries = audit.AllAsync(filter, cancellationToken).GetAsyncEnumerator(cancellationToken);
        bool any;
        try
        {
            // the first chunk decides between a file and an error page: once the file has started, its status is sent
            any = await entries.MoveNextAsync();
        }
        catch (StoreUnavailableException)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(text["Audit_Unavailable_Export"], cancellationToken);
            return;
        }

        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"audit-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
        response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
        await writer.WriteAsync(AuditCsv.Header + "\r\n");
        var lines = 0;
        while (any)
        {
            await writer.WriteAsync(AuditCsv.Line(entries.Current) + "\r\n");
            if (++lines % 1_000 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }

            any = await entries.MoveNextAsync();
        }

        await writer.FlushAsync(cancellationToken);
    }
}
