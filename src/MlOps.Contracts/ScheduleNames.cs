using System.Text.RegularExpressions;

namespace MlOps.Contracts;

/// <summary>
/// The rule for schedule names (<c>DriftWatcher:Schedules:{name}</c>): the model-name rule, which also makes a
/// valid part of a Cloud Scheduler job ID; <c>timer</c> is taken by <c>DriftWatcher:Schedules:Timer</c>.
/// </summary>
public static partial class ScheduleNames
{
    public const string Reserved = "timer";

    public const string Rule = "lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit, at most 63 characters, and not 'timer'";

    /// <summary>Why <paramref name="name"/> is not a schedule name, or null when it is one.</summary>
    public static string? Problem(string? name) =>
        string.IsNullOrEmpty(name) ? "the schedule name is required"
        : string.Equals(name, Reserved, StringComparison.OrdinalIgnoreCase) ? $"'{name}' is reserved for DriftWatcher:Schedules:Timer"
        : Valid().IsMatch(name) ? null
        : $"'{(name.Length > 80 ? name[..80] + "…" : name)}' is not a schedule name: use {Rule}";

    [GeneratedRegex("^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Valid();
}
