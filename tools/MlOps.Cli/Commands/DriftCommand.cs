using System.CommandLine;
using Microsoft.Extensions.Options;
using MlOps.Contracts.Api;
using MlOps.Core.Data;
using MlOps.Core.Packaging;
using MlOps.Core.Statistics;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Monitoring;
using MlOps.DriftWatcher.Replay;
using MlOps.Platform.Artifacts;
using Spectre.Console;

namespace MlOps.Cli.Commands;

internal static class DriftCommand
{
    private const int ShownMalformed = 5;

    public static Command Create(CliConsole console)
    {
        var package = new Argument<string>("package") { Description = "Model package whose training baseline is the reference" };
        var data = new Argument<string?>("data") { Description = "CSV of live or new data (the label column is optional); or give --archive", Arity = ArgumentArity.ZeroOrOne };
        var archive = new Option<string?>("--archive") { Description = "Instead of a CSV: a log archive folder (a log sink's hourly files of prediction log entries) to replay through windows as the DriftWatcher would" };
        var numeric = new Option<double>("--numeric-threshold") { Description = "Jensen-Shannon threshold for numeric features", DefaultValueFactory = _ => 0.1 };
        var categorical = new Option<double>("--categorical-threshold") { Description = "L-infinity threshold for categorical features", DefaultValueFactory = _ => 0.1 };
        var failOnDrift = new Option<bool>("--fail-on-drift") { Description = "Exit with code 3 when any feature drifts (for scripts)" };

        var command = new Command("drift", "Compare a CSV, or replay a log archive, against a package's training baseline, feature by feature")
        {
            package, data, archive, numeric, categorical, failOnDrift, CommandExtensions.Json,
        };
        command.Handle(console, parse =>
        {
            var json = parse.GetValue(CommandExtensions.Json);
            var thresholds = new DriftThresholds(parse.GetValue(numeric), parse.GetValue(categorical));
            if (thresholds.Problems().FirstOrDefault() is { } problem)
            {
                throw new CliException(problem);
            }

            var (csv, folder) = (parse.GetValue(data), parse.GetValue(archive));
            if ((csv is null) == (folder is null))
            {
                throw new CliException(csv is null
                    ? "give the data to compare: a CSV file, or --archive <folder> of archived prediction log entries"
                    : "give a CSV file or --archive <folder>, not both");
            }

            var drifted = folder is null
                ? Compare(console, json, parse.GetValue(package)!, csv!, thresholds)
                : Replay(console, json, parse.GetValue(package)!, folder, thresholds);
            return drifted && parse.GetValue(failOnDrift) ? 3 : 0;
        });
        return command;
    }

    private static bool Compare(CliConsole console, bool json, string packagePath, string csv, DriftThresholds thresholds)
    {
        var model = ModelPackage.Load(packagePath);
        var loaded = DataLoading.Load(console, json, csv, model.Schema, null, new DatasetReadOptions { RequireLabel = false });
        if (loaded.Dataset is null)
        {
            if (!json)
            {
                console.Ansi.WriteLine(loaded.Report.ToText());
            }

            throw new CliException($"the data does not fit the model's schema: {loaded.Report.Summary()}");
        }

        var drift = DriftAnalyzer.Compare(model.Baseline, loaded.Dataset, thresholds);
        var drifted = drift.Count(d => d.Drifted);
        if (json)
        {
            console.WriteJson(new { rows = loaded.Dataset.RowCount, drifted, features = drift.Select(d => new { d.Feature, kind = d.Kind, d.Metric, d.Distance, d.Psi, d.Threshold, d.Drifted }) });
        }
        else
        {
            var table = new Table().AddColumns("feature", "kind", "metric", "distance", "threshold", "PSI", "drift");
            foreach (var d in drift)
            {
                table.AddRow(Markup.Escape(d.Feature), d.Kind.ToString().ToLowerInvariant(), d.Metric, d.Distance.ToString("F4"), d.Threshold.ToString("F2"), d.Psi.ToString("F4"), d.Drifted ? "[red]DRIFT[/]" : "ok");
            }

            console.Ansi.Write(table);
            console.Ansi.WriteLine($"{drifted} of {drift.Count} feature(s) drifted over {loaded.Dataset.RowCount:N0} rows");
        }

        return drifted > 0;
    }

    // The DriftWatcher's own replay, its windows and thresholds, with this package as every entry's baseline.
    private static bool Replay(CliConsole console, bool json, string packagePath, string folder, DriftThresholds thresholds)
    {
        var path = Path.GetFullPath(folder);
        if (!Directory.Exists(path))
        {
            throw new CliException($"no archive folder '{folder}'");
        }

        var packageFile = Path.GetFullPath(packagePath);
        ModelPackage.Load(packageFile);
        var options = new DriftWatcherOptions { Thresholds = { Numeric = thresholds.Numeric, Categorical = thresholds.Categorical } };
        var store = new ArtifactStore(Options.Create(new ArtifactOptions { Root = Path.GetDirectoryName(packageFile)! }));
        var replay = new ArchiveReplay(new PackageCache(store), Options.Create(options));
        var files = LogArchive.Files(path);
        var replayed = Progress.Run(console, json, $"replaying {files.Count} file(s)", files.Sum(f => f.Bytes), progress => replay.Run(path, packageUri: packageFile, progress: progress));
        var report = replayed with { Folder = folder };
        if (json)
        {
            console.WriteJson(report);
        }
        else
        {
            Write(console, report);
        }

        return report.DriftFound;
    }

    private static void Write(CliConsole console, ReplayReport report)
    {
        var table = new Table().AddColumns("window (UTC)", "version", "rows", "verdict", "features past their threshold");
        foreach (var window in report.Windows)
        {
            var past = window.Features
                .Where(f => window.DriftedFeatures.Contains(f.Feature))
                .Select(f => f.Skew > f.Threshold ? $"{f.Feature} {f.Skew:F3}>{f.Threshold:F3}" : $"{f.Feature} {f.Drift:F3}>{f.DriftThreshold:F3} (vs previous window)");
            table.AddRow(
                $"{window.Start:yyyy-MM-dd HH:mm:ss} – {window.End:HH:mm:ss}",
                $"v{window.Version}",
                window.Rows.ToString("N0"),
                window.Kind is { } kind ? $"[red]{kind.ToUpperInvariant()}[/]" : "ok",
                Markup.Escape(string.Join(", ", past)));
        }

        console.Ansi.Write(table);
        foreach (var line in report.MalformedSamples.Take(ShownMalformed))
        {
            console.Ansi.WriteLine($"set aside {line.File}:{line.Line}: {line.Problem}");
        }

        var drifted = report.Windows.Count(w => w.Kind is not null);
        console.Ansi.WriteLine($"{report.Entries:N0} entries in {report.Files} file(s): {report.Malformed:N0} malformed, {report.Skipped:N0} skipped; "
            + $"{report.Windows.Count} window(s), {drifted} with drift; {report.PendingRows:N0} row(s) in a last window too small to judge");
    }
}
