using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Logto;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Users;

/// <summary>
/// Keeps Logto's customData in line with the ownership records: retries queued writes, repairs drift and, at start-up,
/// adopts entries that exist only in Logto. The host runs <see cref="RunAsync"/> (on the replica holding the lease) or
/// calls the passes itself.
/// </summary>
public sealed class UserMirrorReconciler(
    ILogtoUsers logto,
    IInstanceOwnershipSource ownership,
    IOwnershipAdopter adopter,
    MirrorWriteQueue queue,
    TimeProvider timeProvider,
    ILogger<UserMirrorReconciler> logger,
    IMirrorMarks? marks = null)
{
    private readonly ConcurrentDictionary<TemplateRef, string> _ownWrites = new();
    private HashSet<(string UserId, string Key)> _stale = [];
    private AdoptionReport _lastAdoption = new("not run yet", [], []);

    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan DriftInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The latest adoption pass (its conflicts are for administrators).</summary>
    public AdoptionReport LastAdoption => Volatile.Read(ref _lastAdoption);

    public DriftReport? LastDrift { get; private set; }

    /// <summary>Retries the queued writes that are due. Returns how many succeeded.</summary>
    public async Task<int> RetryPendingAsync(CancellationToken cancellationToken)
    {
        var succeeded = 0;
        foreach (var item in queue.Due())
        {
            using (await queue.WriteLockAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!queue.IsPending(item.UserId, item.Template))
                {
                    continue;
                }

                var result = await logto.PatchCustomDataAsync(item.UserId, CustomDataEntryCodec.KeyFor(item.Template), item.Value,
                    cancellationToken).ConfigureAwait(false);
                // a user deleted in Logto has no customData to keep in sync
                var done = result.IsOk || result.Outcome == LogtoOutcome.NotFound;
                queue.Completed(item, done, result.Error);
                if (done)
                {
                    succeeded++;
                }
            }
        }

        return succeeded;
    }

    /// <summary>
    /// Re-writes every entry marked on a template after a failed write (by any replica, before any restart) from the
    /// ownership record, and removes the mark (see <see cref="MirrorMarkResync"/>). Returns how many were re-written.
    /// </summary>
    public Task<int> ResyncMarkedAsync(CancellationToken cancellationToken) =>
        new MirrorMarkResync(logto, ownership, queue, marks, logger).RunAsync(cancellationToken);

    /// <summary>
    /// What adoption would decide now, without writing anything: every Logto user's entries planned against the current
    /// ownership records (entries with a pending or marked write left out). The administration pages show its conflicts.
    /// </summary>
    public async Task<MigrationReview> ReviewAsync(CancellationToken cancellationToken)
    {
        // Logto first, then the records (see AdoptAsync)
        var (users, error) = await ListAllUsersAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await ownership.GetAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return new MigrationReview("the ownership records are not loaded yet", [], [], timeProvider.GetUtcNow());
        }

        if (error is not null)
        {
            return new MigrationReview(error, [], [], timeProvider.GetUtcNow());
        }

        var plan = Plan(users, snapshot);
        return new MigrationReview(null, plan.Conflicts, plan.Adoptions, timeProvider.GetUtcNow())
        {
            Owners = snapshot.Owners,
        };
    }

    /// <summary>Plans adoption over every Logto user and writes the adoptable owners through <see cref="IOwnershipAdopter"/>.</summary>
    public async Task<AdoptionReport> AdoptAsync(CancellationToken cancellationToken)
    {
        // Logto first, then the records: listing takes a while, and the gateway writes an instance's record before its
        // Logto entry, so an entry read here is then already in the records. The other way round an install made
        // meanwhile looked like an entry for an instance that does not exist (Missing), and held its id forever.
        var (users, error) = await ListAllUsersAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await ownership.GetAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return Remember(new AdoptionReport("the ownership records are not loaded yet", [], []));
        }

        if (error is not null)
        {
            return Remember(new AdoptionReport(error, [], []));
        }

        var plan = Plan(users, snapshot);
        var adopted = ImmutableArray.CreateBuilder<AdoptAction>();
        var conflicts = plan.Conflicts.ToBuilder();
        foreach (var action in plan.Adoptions)
        {
            var outcome = await adopter.AdoptAsync(action.Instance, action.UserId, cancellationToken).ConfigureAwait(false);
            if (outcome.ResourceVersion is { } version)
            {
                RememberOwnWrite(action.Instance.Template, version);
            }

            if (outcome.Owned)
            {
                adopted.Add(action);
                UsersLog.Adopted(logger, action.Instance.ToString(), action.UserId);
                continue;
            }

            var (kind, detail) = outcome.Result switch
            {
                AdoptionResult.Missing => (AdoptionConflictKind.Missing, $"id {action.Instance.Id} has neither a GameServer nor a reservation any more"),
                AdoptionResult.TemplateGone => (AdoptionConflictKind.TemplateGone, $"template {action.Instance.Template} is not in the catalog any more"),
                AdoptionResult.UserOwnsOtherInstance => (AdoptionConflictKind.UserOwnsOtherInstance, "the user was given another instance of the template meanwhile"),
                AdoptionResult.Failed => (AdoptionConflictKind.AdoptionFailed, "the cluster did not accept the ownership record; it is tried again at the next start"),
                _ => (AdoptionConflictKind.IdOwnedByOtherUser, $"id {action.Instance.Id} was taken before it could be adopted"),
            };
            conflicts.Add(new AdoptionConflict(action.UserId, CustomDataEntryCodec.KeyFor(action.Instance.Template), action.Instance, kind, detail));
        }

        foreach (var conflict in conflicts)
        {
            UsersLog.AdoptionConflict(logger, conflict.Key, conflict.UserId, conflict.Kind, conflict.Detail);
        }

        return Remember(new AdoptionReport(null, adopted.ToImmutable(), conflicts.ToImmutable()));
    }

    /// <summary>
    /// Compares every user's entries for the catalog's templates with the ownership records and rewrites the keys that
    /// differ. Entries the latest adoption reported as conflicts are not cleared, and keys with a queued write are left to the queue.
    /// </summary>
    public async Task<DriftReport> RepairDriftAsync(CancellationToken cancellationToken)
    {
        // Logto first, then the records: an operation that wrote both meanwhile is then already in the records
        var (users, error) = await ListAllUsersAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await ownership.GetAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot is null || error is not null)
        {
            return LastDrift = new DriftReport(error ?? "the ownership records are not loaded yet", 0, []);
        }

        // entries an administrator still has to judge, and entries adoption has just written, are never cleared
        var keep = LastAdoption.Conflicts.Select(c => (c.UserId, c.Key)).ToHashSet();
        var adopted = LastAdoption.Adopted.Select(a => (a.UserId, a.Instance.Template)).ToHashSet();
        var deferred = snapshot.Templates.Where(t => !IncludesOwnWrites(snapshot, t)).ToImmutableArray();
        var stale = new HashSet<(string UserId, string Key)>();
        var drift = ImmutableArray.CreateBuilder<MirrorDrift>();
        foreach (var user in users)
        {
            var entries = CustomDataEntryCodec.Decode(user.CustomData);
            var desired = snapshot.DesiredFor(user.Id);
            // an unreadable record shows no owners: clearing its users' entries would lose the only other copy
            foreach (var template in snapshot.Templates.Where(t => !snapshot.Unreadable.Contains(t)))
            {
                if (queue.IsPending(user.Id, template) || deferred.Contains(template))
                {
                    continue;
                }

                foreach (var (key, value) in Differences(template, desired.GetValueOrDefault(template), entries))
                {
                    // clearing an entry an administrator still has to judge would lose it; rewriting to the record is safe
                    if (value is null && (keep.Contains((user.Id, key)) || adopted.Contains((user.Id, template))))
                    {
                        continue;
                    }

                    // an entry is cleared only when two passes in a row find it stale: the records come from a watch that
                    // may lag behind an install another replica has just written to both the records and Logto
                    if (value is null && !SeenStaleBefore(stale, user.Id, key))
                    {
                        continue;
                    }

                    if (await StillDifferentAsync(user.Id, template, key, value, entries, cancellationToken).ConfigureAwait(false))
                    {
                        drift.Add(await RepairAsync(user.Id, key, value, cancellationToken).ConfigureAwait(false));
                    }
                }
            }
        }

        _stale = stale;
        return LastDrift = new DriftReport(null, users.Length, drift.ToImmutable())
        {
            Deferred = deferred,
            Finished = timeProvider.GetUtcNow(),
        };
    }

    /// <summary>Notes the entry as stale in this pass; true when the previous pass found it stale too.</summary>
    private bool SeenStaleBefore(HashSet<(string UserId, string Key)> stale, string userId, string key)
    {
        stale.Add((userId, key));
        return _stale.Contains((userId, key));
    }

    /// <summary>The difference still holds against the latest records (an operation on any replica may have changed them during the pass).</summary>
    private async Task<bool> StillDifferentAsync(string userId, TemplateRef template, string key, JsonObject? value, CustomDataEntries entries, CancellationToken cancellationToken)
    {
        var latest = await ownership.GetAsync(cancellationToken).ConfigureAwait(false);
        return latest is not null && IncludesOwnWrites(latest, template)
            && Differences(template, latest.DesiredFor(userId).GetValueOrDefault(template), entries)
                .Any(d => d.Key == key && JsonNode.DeepEquals(d.Value, value));
    }

    /// <summary>Adoption once (repeated until it completes), then retries and drift repair on their intervals, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var adopted = false;
        var nextDrift = timeProvider.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!adopted)
                {
                    adopted = (await AdoptAsync(cancellationToken).ConfigureAwait(false)).Completed;
                }

                await RetryPendingAsync(cancellationToken).ConfigureAwait(false);
                await ResyncMarkedAsync(cancellationToken).ConfigureAwait(false);
                if (adopted && timeProvider.GetUtcNow() >= nextDrift)
                {
                    var report = await RepairDriftAsync(cancellationToken).ConfigureAwait(false);
                    // a template whose snapshot lags behind the gateway's own write is looked at again soon
                    nextDrift = timeProvider.GetUtcNow() + (report.Deferred.IsEmpty ? DriftInterval : RetryInterval);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                UsersLog.PassFailed(logger, e);
            }

            try
            {
                await Task.Delay(RetryInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static IEnumerable<(string Key, JsonObject? Value)> Differences(TemplateRef template, Instances.InstanceRef? desired, CustomDataEntries entries)
    {
        var key = CustomDataEntryCodec.KeyFor(template);
        var present = entries.For(template);
        if (desired is not null)
        {
            if (!present.Any(e => e.Key == key && e.Instance == desired))
            {
                yield return (key, CustomDataEntryCodec.Encode(desired));
            }

            foreach (var extra in present.Where(e => e.Key != key))
            {
                yield return (extra.Key, null);
            }

            yield break;
        }

        foreach (var stale in present)
        {
            yield return (stale.Key, null);
        }
    }

    private async Task<MirrorDrift> RepairAsync(string userId, string key, JsonObject? value, CancellationToken cancellationToken)
    {
        using (await queue.WriteLockAsync(cancellationToken).ConfigureAwait(false))
        {
            var result = await logto.PatchCustomDataAsync(userId, key, value, cancellationToken).ConfigureAwait(false);
            if (result.IsOk)
            {
                UsersLog.Repaired(logger, key, userId);
            }

            return new MirrorDrift(userId, key, value, result.IsOk, result.Error);
        }
    }

    /// <summary>An entry with a pending or marked write is the gateway's own, out of date: the re-write fixes it, adoption must not take it.</summary>
    private AdoptionPlan Plan(ImmutableArray<LogtoUser> users, InstanceOwnershipSnapshot snapshot) =>
        AdoptionPlanner.Plan(users.Select(u => new UserCustomDataEntries(u.Id,
            WithoutOwnWrites(u.Id, CustomDataEntryCodec.Decode(u.CustomData), snapshot))), snapshot);

    private CustomDataEntries WithoutOwnWrites(string userId, CustomDataEntries entries, InstanceOwnershipSnapshot snapshot) =>
        entries with
        {
            Entries = [.. entries.Entries.Where(e => !queue.IsPending(userId, e.Instance.Template)
                && !(snapshot.Marks.TryGetValue(e.Instance.Template, out var marked) && marked.ContainsKey(userId)))],
        };

    private Task<(ImmutableArray<LogtoUser> Users, string? Error)> ListAllUsersAsync(CancellationToken cancellationToken) =>
        LogtoUserListing.ListAllAsync(logto, logger, cancellationToken);

    /// <summary>Remembers the resourceVersion of the gateway's own ownership write (the highest per template).</summary>
    internal void RememberOwnWrite(TemplateRef template, string resourceVersion) =>
        _ownWrites.AddOrUpdate(template, resourceVersion, (_, old) => ResourceVersions.AtLeast(old, resourceVersion) ? old : resourceVersion);

    private bool IncludesOwnWrites(InstanceOwnershipSnapshot snapshot, TemplateRef template) =>
        !_ownWrites.TryGetValue(template, out var version) || snapshot.IncludesVersion(template, version);

    private AdoptionReport Remember(AdoptionReport report)
    {
        report = report with { Finished = timeProvider.GetUtcNow() };
        Volatile.Write(ref _lastAdoption, report);
        return report;
    }
}
