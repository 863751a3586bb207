using System.Globalization;
using System.Text;

namespace AigcGateway.Bench;

/// <summary>Collects the figures and prints them as one table.</summary>
internal sealed class Report
{
    private readonly List<Figure> _figures = [];

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        Console.WriteLine($"  {figure.Name}: {figure.Value}{(figure.Verdict.Length > 0 ? $"  (goal {figure.Goal}: {figure.Verdict})" : "")}");
    }

    public void Failed(string benchmark, Exception error) =>
        Add(new Figure(benchmark, "benchmark did not complete", error.GetType().Name + ": " + FirstLine(error.Message), "completes", false));

    public bool AllPassed => _figures.All(f => f.Passed != false);

    public string Render()
    {
        string[] header = ["Benchmark", "Figure", "Value", "Goal", "Result"];
        var rows = _figures.Select(f => new[] { f.Benchmark, f.Name, f.Value, f.Goal, f.Verdict }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        var rule = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
        text.AppendLine(rule);
        text.AppendLine(Row(header, widths));
        text.AppendLine(rule);
        string? last = null;
        foreach (var row in rows)
        {
            if (last is not null && row[0] != last)
            {
                text.AppendLine(rule);
            }

            text.AppendLine(Row(row[0] == last ? ["", .. row[1..]] : row, widths));
            last = row[0];
        }

        text.AppendLine(rule);
        var goals = _figures.Count(f => f.Passed is not null);
        var passed = _figures.Count(f => f.Passed == true);
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{passed} of {goals} goals met"));
        return text.ToString();
    }

    private static string Row(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
