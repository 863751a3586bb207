using System.Collections.Immutable;
using AigcGateway.Core.Logto;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Users;

/// <summary>Reads every Logto user, page by page (100 per page, Logto's maximum).</summary>
internal static class LogtoUserListing
{
    private const int PageSize = 100;

    /// <summary>All users, or the error that stopped the listing.</summary>
    public static async Task<(ImmutableArray<LogtoUser> Users, string? Error)> ListAllAsync(ILogtoUsers logto, ILogger logger, CancellationToken cancellationToken)
    {
        var users = ImmutableArray.CreateBuilder<LogtoUser>();
        for (var page = 1; ; page++)
        {
            var result = await logto.ListUsersAsync(page, PageSize, cancellationToken).ConfigureAwait(false);
            if (!result.IsOk)
            {
                UsersLog.ListFailed(logger, result.Outcome, result.Error ?? "");
                return ([], result.Error ?? result.Outcome.ToString());
            }

            users.AddRange(result.Value!.Users);
            if (result.Value.Users.Length < PageSize || users.Count >= result.Value.Total)
            {
                return (users.ToImmutable(), null);
            }
        }
    }
}
