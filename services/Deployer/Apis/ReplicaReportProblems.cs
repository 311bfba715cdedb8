using MlOps.Contracts;
using MlOps.Contracts.Fleet;

namespace MlOps.Deployer.Apis;

/// <summary>What makes a replica's report unusable, keyed by field (<c>versions[0].model</c>…); empty for a report that may be recorded.</summary>
internal static class ReplicaReportProblems
{
    public static Dictionary<string, string[]> Of(string replicaId, ReplicaReport report)
    {
        var problems = new Dictionary<string, string[]>();
        if (report.ReplicaId != replicaId)
        {
            problems["replicaId"] = [$"the report is from '{Shown(report.ReplicaId)}', not '{Shown(replicaId)}'"];
        }

        if (report.Versions is null)
        {
            problems["versions"] = ["the list of versions is required (empty when nothing is served)"];
        }
        else
        {
            for (var i = 0; i < report.Versions.Count; i++)
            {
                Version($"versions[{i}]", report.Versions[i], problems);
            }
        }

        if (report.Refusals is null)
        {
            problems["refusals"] = ["the list of refusals is required (empty when nothing was refused)"];
        }
        else
        {
            for (var i = 0; i < report.Refusals.Count; i++)
            {
                Refusal($"refusals[{i}]", report.Refusals[i], problems);
            }
        }

        return problems;
    }

    private static void Version(string field, VersionReport? version, Dictionary<string, string[]> problems)
    {
        if (version is null)
        {
            problems[field] = ["a version's counters are required"];
            return;
        }

        Model(field, version.Model, version.Version, version.Generation, problems);
        if (version.Requests < 0 || version.Instances < 0 || version.Errors < 0)
        {
            problems[$"{field}.requests"] = ["requests, instances and errors are counts: none may be negative"];
        }

        if (version.Latency is null || version.Scores is null)
        {
            problems[$"{field}.latency"] = ["the latency and score histograms are required"];
        }
    }

    private static void Refusal(string field, Refusal? refusal, Dictionary<string, string[]> problems)
    {
        if (refusal is null)
        {
            problems[field] = ["a refusal is required"];
            return;
        }

        Model(field, refusal.Model, refusal.Version, refusal.Generation, problems);
        if (string.IsNullOrEmpty(refusal.Reason))
        {
            problems[$"{field}.reason"] = ["the reason is required"];
        }
    }

    private static void Model(string field, string? model, int version, long generation, Dictionary<string, string[]> problems)
    {
        foreach (var (key, value) in ModelFields.Problems("model", model, ("version", version)))
        {
            problems[$"{field}.{key}"] = value;
        }

        if (generation < 0)
        {
            problems[$"{field}.generation"] = ["must not be negative"];
        }
    }

    private static string Shown(string? text) => text is { Length: > 80 } ? text[..80] + "…" : text ?? "";
}
