using System.Net.Http.Headers;
using k8s.Authentication;

namespace AigcGateway.Core.Kubernetes;

/// <summary>
/// The pod's projected ServiceAccount token, read again whenever the kubelet has replaced the file. The kubelet rotates
/// projected tokens (about hourly) by swapping the file atomically; KubernetesClient's own <c>TokenFileAuth</c> keeps
/// what it read for a minute, so a request right after a rotation would still carry the token that was replaced. Here
/// every request looks at the file's write time (one <c>stat</c>) and reads it when it changed; when the file cannot
/// be read for a moment, the last token read is used (it stays valid for a while after rotation).
/// </summary>
internal sealed class ServiceAccountToken(string path) : ITokenProvider
{
    private readonly Lock _lock = new();
    private DateTime _readAt = DateTime.MinValue;
    private string? _token;

    public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            try
            {
                var writtenAt = File.GetLastWriteTimeUtc(path); // follows the kubelet's symbolic links to the current file
                if (_token is null || writtenAt != _readAt)
                {
                    _token = File.ReadAllText(path).Trim();
                    _readAt = writtenAt;
                }
            }
            catch (IOException) when (_token is not null)
            {
                // The file is being swapped: the token read before is still valid.
            }
            catch (UnauthorizedAccessException) when (_token is not null)
            {
                // As above.
            }

            return Task.FromResult(new AuthenticationHeaderValue("Bearer", _token));
        }
    }
}
