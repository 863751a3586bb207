using System.Text;
using AigcGateway.Core.Administration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace AigcGateway.Web.Components.Admin;

/// <summary>
/// The YAML text of a template, typed or loaded from a file, with what <see cref="YamlCheck"/> found shown under it.
/// Large templates reach the server whole: the text field takes one character more than <see cref="ManifestYaml.MaxBytes"/>
/// (so a paste cut by the browser is refused by size instead of being read truncated), the hub accepts any message that
/// text can make (<see cref="HubMessageLimit"/>), and files stream in pieces up to the limit. Nothing replaces the
/// administrator's text except a file they chose that fits.
/// </summary>
public sealed partial class YamlEditor
{
    /// <summary>
    /// The SignalR message size the interactive server hub must accept: the change event carries the whole text, and a
    /// UTF-16 code unit can take up to 6 bytes as JSON (<c>\u0001</c>) and one more when that JSON is embedded again.
    /// </summary>
    public const long HubMessageLimit = 8L * (ManifestYaml.MaxBytes + 1) + (64 * 1024);

    private const int MaxLength = ManifestYaml.MaxBytes + 1;

    private readonly string _fileInputId = "yaml-file-" + Guid.NewGuid().ToString("N");
    private string? _loadError;

    [Parameter]
    public string Text { get; set; } = string.Empty;

    [Parameter]
    public EventCallback<string> TextChanged { get; set; }

    /// <summary>The outcome of the last check: the problem with its position, or the fields of the wrong type.</summary>
    [Parameter]
    public YamlCheck? Check { get; set; }

    private Task OnChanged(string value)
    {
        _loadError = null;
        return TextChanged.InvokeAsync(value ?? string.Empty);
    }

    private async Task LoadAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        if (file.Size > ManifestYaml.MaxBytes)
        {
            _loadError = L["Admin_Yaml_FileTooLarge", file.Name, (file.Size + 1023) / 1024, ManifestYaml.MaxBytes / 1024];
            return;
        }

        try
        {
            await using var stream = file.OpenReadStream(ManifestYaml.MaxBytes);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            _loadError = null;
            await TextChanged.InvokeAsync(text);
        }
        catch (IOException ex)
        {
            _loadError = L["Admin_Yaml_FileUnreadable", file.Name, ex.Message];
        }
    }
}
