using MlOps.Contracts;

namespace MlOps.Cli.Loop;

internal static class LoopReport
{
    public static void WriteEvent(CliConsole console, TimelineEvent e) =>
        console.Ansi.MarkupLine($"[grey]{e.At:mm\\:ss\\.f}[/]  [bold]{Markup.Escape(e.Service),-12}[/] {Markup.Escape(e.What),-24} {Markup.Escape(e.Detail)}");

    public static void WriteSummary(CliConsole console, LoopResult r, LoopOptions options)
    {
        var table = new Table().AddColumns("", "");
        table.AddRow("loop", r.Closed ? "[green]closed[/]" : $"[red]not closed[/]: {Markup.Escape(r.Problem ?? "")}");
        if (r.First is { } first)
        {
            table.AddRow("v1", $"AUC {first.Metrics.Auc:F4} on {first.Metrics.HoldoutRows:N0} holdout rows");
        }

        if (r.Drift is { } drift)
        {
            table.AddRow("drift", Markup.Escape($"{drift.Kind} on {string.Join(", ", drift.Features.Where(f => f.Drifted).Select(f => $"{f.Feature} ({f.Metric} {f.Distance:F3} > {f.Threshold:F2})"))}, {drift.SampleSize} samples, {r.DetectionDelay?.TotalSeconds:F1} s after onset"));
        }

        if (r.Retrained is { } v2)
        {
            table.AddRow("retrained", $"AUC {v2.Metrics.Auc:F4} vs champion {v2.Champion?.Metrics.Auc:F4} on the same drifted holdout ({v2.Lineage.DatasetFiles.Count} newest snapshots)");
        }

        if (r.Promotion is { } promotion)
        {
            table.AddRow("gate", Markup.Escape($"v{promotion.Version} promoted: {promotion.Verdict.Reason}"));
        }

        if (r.Deployment is { } deployment)
        {
            table.AddRow("rollout", $"{deployment.Strategy}: v{deployment.Version} serves all traffic");
        }

        table.AddRow("loop latency", r.LoopLatency is { } latency ? $"[bold]{latency.TotalSeconds:F1} s[/] from drift onset to the new version serving 100%" : "—");
        table.AddRow("traffic", $"{r.Requests:N0} requests, {r.FailedRequests} failed; {r.FalseAlarms} alert(s) during {options.StablePeriod.TotalSeconds:F0} s of stable traffic");
        table.AddRow("total", $"{r.Total.TotalSeconds:F1} s");
        console.Ansi.Write(table);
    }

    public static void WriteUrls(CliConsole console, string baseUrl, string model)
    {
        console.Ansi.WriteLine("Serving until Ctrl+C:");
        console.Ansi.WriteLine($"  console      {baseUrl}/");
        console.Ansi.WriteLine($"  predict      POST {baseUrl}/v1/models/{model}:predict");
        console.Ansi.WriteLine($"  registry     {baseUrl}/api/models/{model}/versions");
        console.Ansi.WriteLine($"  decisions    {baseUrl}/api/models/{model}/decisions");
        console.Ansi.WriteLine($"  deployments  {baseUrl}/api/deployments");
        console.Ansi.WriteLine($"  drift        {baseUrl}/api/drift/{model}");
        console.Ansi.WriteLine($"  traffic      {baseUrl}/admin/endpoints/{model}");
        console.Ansi.WriteLine($"  API docs     {baseUrl}/scalar/v1   (OpenAPI: {baseUrl}/openapi/v1.json)");
        console.Ansi.WriteLine($"  health       {baseUrl}/health");
    }

    public static object Json(LoopResult r, Timeline timeline) => new
    {
        closed = r.Closed,
        problem = r.Problem,
        loopLatencySeconds = r.LoopLatency?.TotalSeconds,
        detectionDelaySeconds = r.DetectionDelay?.TotalSeconds,
        totalSeconds = r.Total.TotalSeconds,
        firstAuc = r.First?.Metrics.Auc,
        retrainedAuc = r.Retrained?.Metrics.Auc,
        championAucOnNewHoldout = r.Retrained?.Champion?.Metrics.Auc,
        promotedVersion = r.Promotion?.Version,
        drift = r.Drift,
        requests = r.Requests,
        failedRequests = r.FailedRequests,
        falseAlarms = r.FalseAlarms,
        finalVersions = r.FinalVersions,
        timeline = timeline.Events.Select(e => new { at = Math.Round(e.At.TotalSeconds, 3), e.Service, e.What, e.Detail }),
    };
}
