using System.CommandLine;
using MlOps.Core.Data;
using MlOps.Core.Packaging;
using MlOps.Core.Statistics;
using Spectre.Console;

namespace MlOps.Cli.Commands;

internal static class DriftCommand
{
    public static Command Create(CliConsole console)
    {
        var package = new Argument<string>("package") { Description = "Model package whose training baseline is the reference" };
        var data = new Argument<string>("data") { Description = "CSV of live or new data (the label column is optional)" };
        var numeric = new Option<double>("--numeric-threshold") { Description = "Jensen-Shannon threshold for numeric features", DefaultValueFactory = _ => 0.1 };
        var categorical = new Option<double>("--categorical-threshold") { Description = "L-infinity threshold for categorical features", DefaultValueFactory = _ => 0.1 };
        var failOnDrift = new Option<bool>("--fail-on-drift") { Description = "Exit with code 3 when any feature drifts (for scripts)" };

        var command = new Command("drift", "Compare a CSV with a package's training baseline, feature by feature")
        {
            package, data, numeric, categorical, failOnDrift, CommandExtensions.Json,
        };
        command.Handle(console, parse =>
        {
            var json = parse.GetValue(CommandExtensions.Json);
            var model = ModelPackage.Load(parse.GetValue(package)!);
            var thresholds = new DriftThresholds(parse.GetValue(numeric), parse.GetValue(categorical));
            if (thresholds.Problems().FirstOrDefault() is { } problem)
            {
                throw new CliException(problem);
            }

            var loaded = DataLoading.Load(console, json, parse.GetValue(data)!, model.Schema, null, new DatasetReadOptions { RequireLabel = false });
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

            return drifted > 0 && parse.GetValue(failOnDrift) ? 3 : 0;
        });
        return command;
    }
}
