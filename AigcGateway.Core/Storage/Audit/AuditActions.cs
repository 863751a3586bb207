namespace AigcGateway.Core.Storage.Audit;

/// <summary>The actions the audit log records (the values stored in its <c>Action</c> column and offered as filters).</summary>
public static class AuditActions
{
    public const string Installed = "installed";
    public const string Paused = "paused";
    public const string Recovered = "recovered";
    public const string Restarted = "restarted";
    public const string Uninstalled = "uninstalled";
    public const string CreatedTemplate = "created template";
    public const string EditedTemplate = "edited template";
    public const string DeletedTemplate = "deleted template";
    public const string SignedIn = "signed in";
    public const string SignedOut = "signed out";
    public const string AccessDenied = "access denied";

    public static IReadOnlyList<string> All { get; } =
    [
        Installed, Paused, Recovered, Restarted, Uninstalled, CreatedTemplate, EditedTemplate, DeletedTemplate, SignedIn, SignedOut, AccessDenied,
    ];
}
