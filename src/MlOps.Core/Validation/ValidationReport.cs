using System.Text;

namespace MlOps.Core.Validation;

/// <summary>
/// Every problem found while reading a dataset against its schema. Counts are always exact;
/// the detailed list keeps the first <see cref="DetailLimit"/> issues.
/// </summary>
public sealed class ValidationReport
{
    private readonly List<ValidationIssue> _issues = [];
    private readonly Dictionary<string, long> _countByCode = new(StringComparer.Ordinal);

    public ValidationReport(int detailLimit = 10_000) => DetailLimit = detailLimit;

    public int DetailLimit { get; }

    public IReadOnlyList<ValidationIssue> Issues => _issues;

    public IReadOnlyDictionary<string, long> CountByCode => _countByCode;

    public long TotalIssues { get; private set; }

    public long RowCount { get; internal set; }

    public IReadOnlyList<string> Files { get; internal set; } = [];

    public bool IsValid => TotalIssues == 0;

    public void Add(ValidationIssue issue)
    {
        TotalIssues++;
        _countByCode[issue.Code] = _countByCode.GetValueOrDefault(issue.Code) + 1;
        if (_issues.Count < DetailLimit)
        {
            _issues.Add(issue);
        }
    }

    /// <summary>One line per issue (up to <paramref name="maxLines"/>), then a count of the rest.</summary>
    public string ToText(int maxLines = 50)
    {
        var text = new StringBuilder();
        if (IsValid)
        {
            text.Append($"OK: {RowCount:N0} rows, no problems found.");
            return text.ToString();
        }

        text.AppendLine($"{TotalIssues:N0} problem(s) in {RowCount:N0} rows:");
        foreach (var issue in _issues.Take(maxLines))
        {
            text.AppendLine($"  - {issue}");
        }

        if (TotalIssues > maxLines)
        {
            text.AppendLine($"  ... and {TotalIssues - maxLines:N0} more ("
                + string.Join(", ", _countByCode.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key}: {kv.Value:N0}")) + ")");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The first problem, for one-line error messages.</summary>
    public string Summary() =>
        IsValid ? "valid" : TotalIssues == 1 ? _issues[0].ToString() : $"{_issues[0]} (and {TotalIssues - 1:N0} more problem(s))";
}
