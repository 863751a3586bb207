using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Administration;
using MudBlazor;

namespace AigcGateway.Web.Components.Admin;

/// <summary>
/// Creates a template: a validated form (the FluentValidation rules) previewed as YAML before anything is written, or
/// the full YAML in the advanced mode (syntax errors with line and column, rule and conformance errors listed).
/// </summary>
public sealed partial class TemplateCreate
{
    private readonly TemplateForm _model = new();
    private MudForm? _form;
    private int _tab;
    private string _yaml = string.Empty;
    private YamlCheck? _yamlCheck;
    private JsonObject? _manifest;
    private ManifestReview? _review;
    private string? _previewYaml;
    private string? _error;
    private ImmutableArray<string> _errorList = [];
    private bool _creating;

    private TemplateRules Rules => Admin.Rules;

    protected override void Refresh()
    {
        if (string.IsNullOrEmpty(_model.Namespace))
        {
            // the first configured namespace, else where the catalog's templates already live
            _model.Namespace = !Rules.Namespaces.IsDefaultOrEmpty
                ? Rules.Namespaces[0]
                : Admin.ListTemplates().Select(t => t.Ref.Namespace).FirstOrDefault() ?? string.Empty;
        }
    }

    private async Task<IEnumerable<string>> ValidateValue(object model, string propertyName)
    {
        var result = await new TemplateDraftValidator(Rules).ValidateAsync(((TemplateForm)model).ToDraft(), Stopping);
        return result.Errors.Where(e => TemplateForm.FieldOf(e.PropertyName) == propertyName).Select(e => e.ErrorMessage);
    }

    private async Task PreviewAsync()
    {
        _error = null;
        _errorList = [];
        _manifest = null;
        if (_form is not null)
        {
            await _form.ValidateAsync();
        }

        var result = await new TemplateDraftValidator(Rules).ValidateAsync(_model.ToDraft(), Stopping);
        if (!result.IsValid)
        {
            _error = L["Admin_Create_FixForm"];
            _errorList = [.. result.Errors.Select(e => e.ErrorMessage).Distinct()];
            return;
        }

        _manifest = TemplateManifestBuilder.Build(_model.ToDraft(), Rules);
        _previewYaml = ManifestYaml.Write(_manifest);
        _review = Admin.Review(_manifest);
    }

    private void ToAdvanced()
    {
        var draft = _model.ToDraft();
        _yaml = ManifestYaml.Write(TemplateManifestBuilder.Build(draft, Rules));
        _manifest = null;
        _review = null;
        _tab = 1;
    }

    private void CheckYaml()
    {
        _error = null;
        _errorList = [];
        _manifest = null;
        _review = null;
        _yamlCheck = YamlCheck.Of(_yaml);
        if (_yamlCheck.Manifest is not { } manifest)
        {
            return;
        }

        _manifest = manifest;
        _review = Admin.Review(manifest);
    }

    private async Task CreateAsync()
    {
        if (_manifest is null)
        {
            return;
        }

        _creating = true;
        try
        {
            var result = await Admin.CreateTemplateAsync(Actor, _manifest, Stopping);
            if (result.Succeeded)
            {
                Navigation.NavigateTo("/admin/templates");
                return;
            }

            _error = result.Error switch
            {
                TemplateWriteError.AlreadyExists => L["Admin_Create_Exists"],
                TemplateWriteError.Invalid => L["Admin_Create_Invalid"],
                TemplateWriteError.UnknownField => L["Admin_Write_UnknownField"],
                _ => L["Admin_Create_Failed", result.Detail ?? string.Empty],
            };
            _errorList = result.Error == TemplateWriteError.UnknownField ? [result.Detail ?? string.Empty] : result.Problems;
        }
        finally
        {
            _creating = false;
        }
    }
}
