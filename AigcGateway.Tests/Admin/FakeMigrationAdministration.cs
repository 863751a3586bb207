using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Users;

namespace AigcGateway.Tests.Admin;

/// <summary>A hand-written <see cref="IMigrationAdministration"/>: the review and status set by the test, decisions recorded.</summary>
internal sealed class FakeMigrationAdministration : IMigrationAdministration
{
    private readonly Lock _lock = new();
    private readonly List<string> _calls = [];

    public bool IsAvailable { get; set; } = true;

    public MigrationReview Review { get; set; } = new(null, [], [], AdminContext.Now);

    public MirrorStatus MirrorStatus { get; set; } = MirrorStatus.None;

    public MigrationActionOutcome NextOutcome { get; set; } = MigrationActionOutcome.Done;

    public OperationResult NextRemoveResult { get; set; } = OperationResult.Ok(new InstanceRef(AdminContext.Sd, 0));

    public int Reviews { get; private set; }

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public Task<MigrationReview> ReviewAsync(CancellationToken cancellationToken)
    {
        Reviews++;
        return Task.FromResult(Review);
    }

    public MirrorStatus Status() => MirrorStatus;

    public Task<MigrationActionOutcome> GiveAsync(string actor, MigrationReview review, AdoptionConflict claim, CancellationToken cancellationToken) =>
        Record($"give {claim.Instance} to {claim.UserId} by {actor}", NextOutcome);

    public Task<MigrationActionOutcome> DropClaimAsync(string actor, AdoptionConflict claim, CancellationToken cancellationToken) =>
        Record($"drop {claim.UserId}:{claim.Key} by {actor}", NextOutcome);

    public Task<OperationResult> RemoveRecordAsync(string actor, InstanceRef instance, CancellationToken cancellationToken) =>
        Record($"remove {instance} by {actor}", NextRemoveResult);

    private Task<T> Record<T>(string call, T result)
    {
        lock (_lock)
        {
            _calls.Add(call);
        }

        return Task.FromResult(result);
    }
}
