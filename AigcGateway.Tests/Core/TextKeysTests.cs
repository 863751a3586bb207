using System.Globalization;
using System.Resources;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Text;
using AigcGateway.Core.Users;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Components.Admin;
using AigcGateway.Web.Components.Dashboard;
using AigcGateway.Web.Resources;

namespace AigcGateway.Tests.Core;

/// <summary>
/// Every member of the enums people read text for has its own key, and the Web resources have that text in English
/// and in Chinese (the Core texts are checked through their Describe methods).
/// </summary>
public sealed class TextKeysTests
{
    private static readonly ResourceManager Strings = new(typeof(Strings));
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    public static TheoryData<string> WebKeys =>
    [
        .. Enum.GetValues<InstanceState>().Select(s => "Instance_State_" + TextKeys.Of(s)),
        .. Enum.GetValues<ConformanceCode>().Select(c => "Catalog_Problem_" + TextKeys.Of(c)),
        .. Enum.GetValues<AdoptionConflictKind>().SelectMany(k => new[] { "Admin_Migration_Kind_" + TextKeys.Of(k), "Admin_Migration_KindShort_" + TextKeys.Of(k) }),
        .. Enum.GetValues<MigrationActionOutcome>().Select(o => "Admin_Migration_Outcome_" + TextKeys.Of(o)),
        .. Enum.GetValues<TemplateDeletionStage>().Select(s => "Admin_Delete_Stage_" + TextKeys.Of(s)),
        .. Enum.GetValues<StartupStage>().Select(WebTextKeys.Stage),
        .. WebTextKeys.StepStatuses.Select(WebTextKeys.StepStatus),
        .. Enum.GetValues<InstanceAction>().SelectMany(a => new[] { WebTextKeys.Action(a), WebTextKeys.ActionLabel(a) }),
        .. Enum.GetValues<AdminInstances.Row>().Select(WebTextKeys.Admin).Concat(Enum.GetValues<AdminInstances.Bulk>().Select(WebTextKeys.Admin))
            .SelectMany(k => new[] { k.ConfirmTitle, k.ConfirmText, k.Action, k.Done }).Distinct(),
        .. SignInFailure.Reasons.SelectMany(r => new[] { "_Title", "_Explanation", "_Check" }.Select(part => SignInFailure.KeyStem(r) + part)),
    ];

    [Theory]
    [MemberData(nameof(WebKeys))]
    public void Every_member_has_web_text_in_english_and_chinese(string key)
    {
        var en = Strings.GetString(key, English);
        var zh = Strings.GetString(key, Chinese);

        en.ShouldNotBeNullOrWhiteSpace(key);
        zh.ShouldNotBeNullOrWhiteSpace(key);
        zh.ShouldNotBe(en, key);
    }

    [Fact]
    public void No_two_members_of_an_enum_share_a_key()
    {
        Distinct(Enum.GetValues<InstanceState>().Select(TextKeys.Of));
        Distinct(Enum.GetValues<ConformanceCode>().Select(TextKeys.Of));
        Distinct(Enum.GetValues<DiagnosticReason>().Select(TextKeys.Of));
        Distinct(Enum.GetValues<OperationError>().Select(TextKeys.Of));
        Distinct(Enum.GetValues<AdoptionConflictKind>().Select(TextKeys.Of));
        Distinct(Enum.GetValues<MigrationActionOutcome>().Select(TextKeys.Of));
        Distinct(Enum.GetValues<TemplateDeletionStage>().Select(TextKeys.Of));
        Distinct(Enum.GetValues<StartupStage>().Select(WebTextKeys.Stage));
        Distinct(WebTextKeys.StepStatuses.Select(WebTextKeys.StepStatus));
        Distinct(Enum.GetValues<InstanceAction>().Select(WebTextKeys.Action));
        Distinct(Enum.GetValues<AdminInstances.Row>().Select(r => WebTextKeys.Admin(r).ConfirmTitle));
        Distinct(Enum.GetValues<AdminInstances.Bulk>().Select(b => WebTextKeys.Admin(b).ConfirmTitle));
        Distinct(SignInFailure.Reasons.Select(SignInFailure.KeyStem));
    }

    private static void Distinct(IEnumerable<string> keys)
    {
        var list = keys.ToList();
        list.Distinct(StringComparer.Ordinal).Count().ShouldBe(list.Count, string.Join(", ", list));
    }
}
