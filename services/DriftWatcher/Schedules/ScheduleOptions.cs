using System.ComponentModel.DataAnnotations;
using MlOps.Contracts;

namespace MlOps.DriftWatcher.Schedules;

/// <summary>One schedule, bound from <c>DriftWatcher:Schedules:{name}</c>; see docs/configuration.md.</summary>
public sealed class ScheduleOptions : IValidatableObject
{
    /// <summary>When it fires: 5-field cron in UTC (<see cref="CronSchedule"/>).</summary>
    public string? Cron { get; set; }

    [AllowedValues(ScheduleKinds.Retrain, ScheduleKinds.BatchScore, ErrorMessage = "must be retrain or batch-score")]
    public string Kind { get; set; } = ScheduleKinds.Retrain;

    public string? Model { get; set; }

    /// <summary>batch-score: the file to score (.csv or .jsonl), relative to the artifact root.</summary>
    public string? Input { get; set; }

    /// <summary>batch-score: where the scores go, relative to the artifact root; each occurrence writes it anew.</summary>
    public string? Output { get; set; }

    /// <summary>The batch format the input's extension names.</summary>
    public BatchFormat? InputFormat() => Input is null ? null : BatchFormats.FromExtension(Input);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CronSchedule.Problem(Cron) is { } cron)
        {
            yield return new(cron, [nameof(Cron)]);
        }

        if (ModelNames.Problem(Model) is { } model)
        {
            yield return new(model, [nameof(Model)]);
        }

        if (Kind != ScheduleKinds.BatchScore)
        {
            foreach (var (value, name) in new[] { (Input, nameof(Input)), (Output, nameof(Output)) })
            {
                if (value is not null)
                {
                    yield return new("only a batch-score schedule reads it", [name]);
                }
            }

            yield break;
        }

        if (PathProblem(Input) is { } input)
        {
            yield return new(input, [nameof(Input)]);
        }
        else if (InputFormat() is null)
        {
            yield return new($"name a .csv or .jsonl file: its extension is the batch format ({string.Join(", ", BatchFormats.Accepted)})", [nameof(Input)]);
        }

        if (PathProblem(Output) is { } output)
        {
            yield return new(output, [nameof(Output)]);
        }
    }

    /// <summary>What the artifact store would refuse, checked before there is a store: empty, a URI, absolute, or a way out by '..'.</summary>
    private static string? PathProblem(string? path) =>
        string.IsNullOrWhiteSpace(path) ? "a batch-score schedule needs it: a path relative to the artifact root"
        : path.Contains("://", StringComparison.Ordinal) || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? "a URI: give a path relative to the artifact root"
        : Path.IsPathRooted(path) ? "an absolute path: give a path relative to the artifact root"
        : path.Split('/', '\\').Contains("..") ? "leads outside the artifact root ('..')"
        : null;
}
