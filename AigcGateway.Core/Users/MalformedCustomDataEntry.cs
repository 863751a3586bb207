namespace AigcGateway.Core.Users;

/// <summary>A customData value that looks like an instance entry but cannot be read; <see cref="RawValue"/> is its JSON text.</summary>
public sealed record MalformedCustomDataEntry(string Key, string RawValue, string Problem);
