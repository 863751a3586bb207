using System.Globalization;
using System.Resources;
using AigcGateway.Core.Templates;
using AigcGateway.Web.Resources;

namespace AigcGateway.Tests.Dashboard;

/// <summary>The catalog card names why a template cannot be used, for every conformance code, in English and Chinese.</summary>
public sealed class CatalogProblemTextTests
{
    private static readonly ResourceManager Text = new(typeof(Strings));

    public static TheoryData<ConformanceCode> Codes => [.. Enum.GetValues<ConformanceCode>()];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_conformance_code_has_catalog_text_in_english_and_chinese(ConformanceCode code)
    {
        var en = Text.GetString($"Catalog_Problem_{code}", CultureInfo.GetCultureInfo("en-US"));
        var zh = Text.GetString($"Catalog_Problem_{code}", CultureInfo.GetCultureInfo("zh-Hans"));

        en.ShouldNotBeNullOrWhiteSpace();
        zh.ShouldNotBeNullOrWhiteSpace();
        zh.ShouldNotBe(en);
    }
}
