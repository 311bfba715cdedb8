using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace MlOps.DriftWatcher.Schedules;

/// <summary>
/// A 5-field cron expression in UTC — minute, hour, day of month, month, day of week — as unix cron and Cloud
/// Scheduler read it, so the DriftWatcher's timer and a Cloud Scheduler job fire at the same instants. Cronos
/// computes the occurrences; this type refuses what the two would read differently: macros (<c>@weekly</c>),
/// Quartz extensions (<c>L</c>, <c>W</c>, <c>#</c>, <c>?</c>), reversed ranges, and a day of month together with a
/// day of week (cron fires when either matches, Cronos only when both do).
/// </summary>
public sealed partial class CronSchedule
{
    private static readonly string[] Fields = ["minute", "hour", "day of month", "month", "day of week"];

    // Occurrences are looked for this far back, widening: a schedule may fire as rarely as every 29 February.
    private static readonly TimeSpan[] LookBack = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(367), TimeSpan.FromDays(5 * 366)];

    private readonly CronExpression _expression;

    private CronSchedule(string text, CronExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    public string Text { get; }

    public static CronSchedule Parse(string? text) =>
        TryParse(text, out var schedule, out var problem) ? schedule : throw new FormatException(problem);

    /// <summary>Why <paramref name="text"/> is not a schedule, or null when it is one.</summary>
    public static string? Problem(string? text) => TryParse(text, out _, out var problem) ? null : problem;

    public static bool TryParse(string? text, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? problem)
    {
        schedule = null;
        problem = Check(text);
        if (problem is not null)
        {
            return false;
        }

        var normalized = string.Join(' ', text!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        try
        {
            var expression = CronExpression.Parse(normalized, CronFormat.Standard);
            if (expression.GetNextOccurrence(DateTime.UnixEpoch) is null)
            {
                problem = $"'{normalized}' never occurs";
                return false;
            }

            schedule = new CronSchedule(normalized, expression);
            return true;
        }
        catch (CronFormatException e)
        {
            // Cronos says "The given cron expression has an invalid format. Minutes: Value must be …"; the field and value are what help.
            var detail = e.Message.Split("format. ", 2) is [_, var rest] ? rest : e.Message;
            problem = $"'{normalized}' is not a valid cron expression: {detail}";
            return false;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none (the schedule ran out).</summary>
    public DateTimeOffset? Next(DateTimeOffset after) =>
        _expression.GetNextOccurrence(after.UtcDateTime, inclusive: false) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;

    /// <summary>
    /// The occurrence a fire at <paramref name="at"/> belongs to: the latest one at or before it. A timer fires at the
    /// occurrence itself and Cloud Scheduler publishes shortly after it, so both land on the same occurrence.
    /// </summary>
    public DateTimeOffset? Occurrence(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        foreach (var span in LookBack)
        {
            if (utc - DateTime.MinValue < span || _expression.GetNextOccurrence(utc - span, inclusive: true) is not { } found || found > utc)
            {
                continue;
            }

            while (_expression.GetNextOccurrence(found, inclusive: false) is { } later && later <= utc)
            {
                found = later;
            }

            return new DateTimeOffset(found, TimeSpan.Zero);
        }

        return null;
    }

    public override string ToString() => Text;

    private static string? Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "the cron expression is empty: give 5 fields (minute hour day-of-month month day-of-week, UTC)";
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != Fields.Length)
        {
            return text.TrimStart().StartsWith('@')
                ? $"'{text.Trim()}' is a macro: write its 5 fields (minute hour day-of-month month day-of-week, UTC)"
                : $"'{text.Trim()}' has {fields.Length} field(s): a schedule has 5 (minute hour day-of-month month day-of-week, UTC)";
        }

        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var item in fields[i].Split(','))
            {
                if (Item().Match(item) is not { Success: true } match)
                {
                    return $"'{text.Trim()}': the {Fields[i]} field '{fields[i]}' is not unix cron (numbers, names, *, ranges a-b, steps /n and lists a,b)";
                }

                if (int.TryParse(match.Groups["from"].Value, CultureInfo.InvariantCulture, out var from)
                    && int.TryParse(match.Groups["to"].Value, CultureInfo.InvariantCulture, out var to) && from > to)
                {
                    return $"'{text.Trim()}': the {Fields[i]} range '{item}' runs backwards";
                }
            }
        }

        if (fields[2] != "*" && fields[4] != "*")
        {
            return $"'{text.Trim()}' restricts both the day of month and the day of week: cron fires when either matches, so give one and leave the other '*'";
        }

        return null;
    }

    [GeneratedRegex(@"^(?:\*|(?<from>[0-9]+|[A-Za-z]{3})(?:-(?<to>[0-9]+|[A-Za-z]{3}))?)(?:/[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Item();
}
