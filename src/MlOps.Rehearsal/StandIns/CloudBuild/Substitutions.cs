using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>
/// A build's substitutions: the user-defined ones a run may pass (a key is <c>_</c> then uppercase letters, digits and
/// underscores; at most 200 of them, keys of at most 100 bytes and values of at most 4000, as Cloud Build's limits
/// are), and the built-in ones Cloud Build adds to every triggered build.
/// </summary>
internal static partial class Substitutions
{
    public const string UserKeyFormat = "^_[A-Z0-9_]+$";

    private const int MaxCount = 200;
    private const int MaxKeyBytes = 100;
    private const int MaxValueBytes = 4000;

    public static void Check(JsonObject? substitutions, string path, List<FieldViolation> violations)
    {
        var entries = substitutions ?? [];
        if (entries.Count > MaxCount)
        {
            violations.Add(new FieldViolation(path, $"invalid {path}: {entries.Count} substitutions exceed the limit of {MaxCount}"));
        }

        foreach (var (key, value) in entries)
        {
            var text = value?.GetValue<string>() ?? "";
            if (!UserKey().IsMatch(key))
            {
                violations.Add(new FieldViolation($"{path}[{key}]", $"invalid {path}: substitution key \"{key}\" does not respect format \"{UserKeyFormat}\""));
            }
            else if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
            {
                violations.Add(new FieldViolation($"{path}[{key}]", $"invalid {path}: substitution key \"{key}\" is longer than {MaxKeyBytes} bytes"));
            }

            if (Encoding.UTF8.GetByteCount(text) > MaxValueBytes)
            {
                violations.Add(new FieldViolation($"{path}[{key}]", $"invalid {path}: the value of substitution \"{key}\" is longer than {MaxValueBytes} bytes"));
            }
        }
    }

    public static bool IsUserKey(string key) => UserKey().IsMatch(key);

    /// <summary>The trigger's user substitutions, the run's over them, and the built-in ones of a triggered build over both.</summary>
    public static Dictionary<string, string> Of(CloudBuildStandInOptions options, string buildId, StandInTrigger trigger, string branch, string? commitSha, IReadOnlyDictionary<string, string> run)
    {
        var all = new Dictionary<string, string>(trigger.Substitutions, StringComparer.Ordinal);
        foreach (var (key, value) in run)
        {
            all[key] = value;
        }

        all["PROJECT_ID"] = options.Project;
        all["LOCATION"] = options.Location;
        all["BUILD_ID"] = buildId;
        all["TRIGGER_NAME"] = trigger.Name;
        all["BRANCH_NAME"] = branch;
        all["REF_NAME"] = branch;
        if (options.ProjectNumber is { } number)
        {
            all["PROJECT_NUMBER"] = number;
        }

        if (commitSha is not null)
        {
            all["COMMIT_SHA"] = commitSha;
            all["REVISION_ID"] = commitSha;
            all["SHORT_SHA"] = commitSha.Length > 7 ? commitSha[..7] : commitSha;
        }

        return all;
    }

    [GeneratedRegex(UserKeyFormat)]
    private static partial Regex UserKey();
}
