using AigcGateway.Core.Administration;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Storage;

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("", "")]
    public void Cells_are_quoted_when_needed_and_never_start_a_formula(string value, string cell) =>
        AuditCsv.Cell(value).ShouldBe(cell);

    [Fact]
    public void A_line_has_every_column_of_the_header_in_order()
    {
        var entry = new AuditEntry(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), "user alice", "installed", "aigc/sd#3", true, "ok, done")
        {
            ActorId = "alice",
            Template = new TemplateRef("aigc", "sd"),
            InstanceId = 3,
            Replica = "gw-0",
        };

        AuditCsv.Line(entry).ShouldBe("2026-03-01T12:00:00.000Z,user alice,alice,installed,aigc/sd,3,aigc/sd#3,Succeeded,1,\"ok, done\",gw-0");
        AuditCsv.Header.Split(',').Length.ShouldBe(11);
    }
}
