using System.Globalization;
using AigcGateway.Core.Instances;

namespace AigcGateway.Tests.Core;

public sealed class OperationErrorTextTests
{
    public static TheoryData<OperationError> Errors => [.. Enum.GetValues<OperationError>()];

    [Theory]
    [MemberData(nameof(Errors))]
    public void Every_error_has_distinct_english_and_chinese_text(OperationError error)
    {
        var en = OperationErrorText.Describe(error, CultureInfo.GetCultureInfo("en-US"));
        var zh = OperationErrorText.Describe(error, CultureInfo.GetCultureInfo("zh-Hans"));

        en.ShouldNotBe(error.ToString());
        zh.ShouldNotBe(en);
    }
}
