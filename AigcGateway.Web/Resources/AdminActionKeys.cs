namespace AigcGateway.Web.Resources;

/// <summary>The resource keys of one administrator's action: the confirmation's title and text, its button, the outcome.</summary>
internal sealed record AdminActionKeys(string ConfirmTitle, string ConfirmText, string Action, string Done);
