namespace AigcGateway.Core.Storage.Audit;

/// <summary>A row of the <c>audit_entries</c> table (the stored shape of an <see cref="Administration.AuditEntry"/>).</summary>
internal sealed class AuditRow
{
    public const int ActorIdLength = 128;
    public const int ActorLength = 256;
    public const int ActionLength = 64;
    public const int TemplateLength = 320;
    public const int TargetLength = 512;
    public const int DetailLength = 2000;
    public const int ReplicaLength = 128;
    public const int OutcomeLength = 16;

    public long Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTime Time { get; set; }

    public string? ActorId { get; set; }

    public string Actor { get; set; } = "";

    public string Action { get; set; } = "";

    /// <summary><c>namespace/name</c>.</summary>
    public string? Template { get; set; }

    public int? InstanceId { get; set; }

    public string Target { get; set; } = "";

    public AuditOutcome Outcome { get; set; }

    public string? Detail { get; set; }

    public string Replica { get; set; } = "";

    public int Count { get; set; } = 1;

    /// <summary>The searchable texts, lower case, one per line (free-text search runs LIKE over this column).</summary>
    public string Search { get; set; } = "";
}
