using System.Text;

namespace MlOps.GitOps.Diff;

/// <summary>A diff as plain text for a pull request: one block per scope, one line per key.</summary>
public static class DiffText
{
    public static string Format(string from, string to, IReadOnlyList<DiffEntry> entries)
    {
        var text = new StringBuilder();
        text.Append($"{from} -> {to}: ").Append(entries.Count == 0 ? "no changes" : $"{entries.Count} change(s)").Append('\n');
        foreach (var scope in entries.GroupBy(e => e.Scope))
        {
            text.Append('\n').Append(scope.Key).Append('\n');
            foreach (var entry in scope)
            {
                text.Append(entry.Change switch
                {
                    "added" => $"  + {entry.Key}: {entry.To}",
                    "removed" => $"  - {entry.Key}: {entry.From}",
                    _ => $"  ~ {entry.Key}: {entry.From} -> {entry.To}",
                }).Append('\n');
            }
        }

        return text.ToString();
    }
}
