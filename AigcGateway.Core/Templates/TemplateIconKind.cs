namespace AigcGateway.Core.Templates;

/// <summary>What a template's icon annotation is, once read (see <see cref="TemplateIcon"/>).</summary>
public enum TemplateIconKind
{
    /// <summary>No icon given: the card shows the default icon.</summary>
    None,

    /// <summary>The name of a built-in (Material) icon, e.g. <c>palette</c> or <c>AutoAwesome</c>.</summary>
    Name,

    /// <summary>An image the dashboard serves itself, under <see cref="TemplateIcon.AssetFolder"/>.</summary>
    Asset,

    /// <summary>An absolute http(s) image URL on another host than the dashboard.</summary>
    Image,

    /// <summary>Anything else: the card shows the default icon and administrators get a warning.</summary>
    Rejected,
}
