namespace AigcGateway.Web.Resources;

/// <summary>Marker type for the user-interface strings in Strings.resx (English) and Strings.zh-Hans.resx (Chinese).</summary>
public sealed class Strings;
