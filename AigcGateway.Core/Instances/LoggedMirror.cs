using AigcGateway.Core.Users;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Instances;

/// <summary>
/// The Logto mirror as the lifecycle uses it: best effort after a written change (the GameServerSet is the source of
/// truth; a failed mirror write is logged, marked durably by the mirror and repaired by drift repair).
/// </summary>
internal sealed partial class LoggedMirror(IUserInstanceMirror mirror, ILogger logger)
{
    public Task RecordAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        RunAsync(() => mirror.RecordAsync(userId, instance, cancellationToken), userId, instance);

    public Task ForgetAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        RunAsync(() => mirror.ForgetAsync(userId, instance.Template, cancellationToken), userId, instance);

    private async Task RunAsync(Func<Task> write, string userId, InstanceRef instance)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogMirrorFailed(ex, userId, instance);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the Logto mirror of user {UserId} for {Instance}")]
    private partial void LogMirrorFailed(Exception exception, string userId, InstanceRef instance);
}
