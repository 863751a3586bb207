namespace AigcGateway.Core.Templates;

/// <summary>One <c>network.networkConf</c> entry; names may repeat.</summary>
public sealed record NetworkSetting(string Name, string Value);
