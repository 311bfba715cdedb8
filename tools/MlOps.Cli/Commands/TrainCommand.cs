using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MlOps.Core.Evaluation;
using MlOps.Core.Packaging;
using MlOps.Core.Training;

namespace MlOps.Cli.Commands;

internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string>("data") { Description = "CSV file or folder of dated CSV snapshots" };
        var schema = new Option<string>("--schema") { Description = "Feature schema file", Required = true };
        var output = new Option<string>("--out") { Description = "Model package to write: a folder, or a .zip file", Required = true };
        var trainer = new Option<TrainerKind>("--trainer") { Description = "LightGbm (the default), FastTree or Sdca", DefaultValueFactory = _ => TrainerKind.LightGbm };
        var seed = new Option<int>("--seed") { Description = "Seed for the holdout split and the learner", DefaultValueFactory = _ => 42 };
        var holdout = new Option<double>("--holdout") { Description = "Share of rows held out for evaluation", DefaultValueFactory = _ => 0.2 };
        var parameters = new Option<string[]>("--param") { Description = "Hyper-parameter name=value (trees, leaves, minLeaf, learningRate, l2, iterations, threads)", AllowMultipleArgumentsPerToken = true };
        var newest = new Option<int?>("--newest") { Description = "For a folder: only the newest N snapshots" };
        var champion = new Option<string?>("--champion") { Description = "A current model package to evaluate on the same holdout" };
        var name = new Option<string?>("--name") { Description = "Model name recorded in the package" };
        var encoding = new Option<CategoricalEncoding>("--categorical-encoding") { Description = "Auto (ordered codes for trees, one-hot for Sdca), OneHot or Ordered", DefaultValueFactory = _ => CategoricalEncoding.Auto };

        var command = new Command("train", "Validate a dataset, train a model, evaluate it on a seeded holdout and write a model package")
        {
            data, schema, output, trainer, seed, holdout, parameters, newest, champion, name, encoding, CommandExtensions.Json,
        };
        command.Handle(console, parse =>
        {
            var json = parse.GetValue(CommandExtensions.Json);
            var championPackage = parse.GetValue(champion) is { } championPath ? ModelPackage.Load(championPath) : null;
            var watch = Stopwatch.StartNew();
            var loaded = DataLoading.Load(console, json, parse.GetValue(data)!, DataLoading.Schema(parse.GetValue(schema)!), parse.GetValue(newest));
            if (loaded.Dataset is null)
            {
                if (!json)
                {
                    console.Ansi.WriteLine(loaded.Report.ToText());
                }
                else
                {
                    console.WriteJson(new { valid = false, problems = loaded.Report.TotalIssues, issues = loaded.Report.Issues });
                }

                throw new CliException($"the data is not valid, nothing was trained: {loaded.Report.Summary()}");
            }

            var options = new TrainingOptions
            {
                Trainer = parse.GetValue(trainer),
                Seed = parse.GetValue(seed),
                HoldoutFraction = parse.GetValue(holdout),
                Parameters = ParseParameters(parse.GetValue(parameters)),
                CategoricalEncoding = parse.GetValue(encoding),
            };
            var context = new TrainingContext { ModelName = parse.GetValue(name), LoadMs = watch.Elapsed.TotalMilliseconds };
            var result = Progress.Spin(console, json, $"training {options.Trainer} on {loaded.Dataset.RowCount:N0} rows", () => ModelTrainer.Train(loaded.Dataset, options, context));
            var championMetrics = championPackage is null ? null : PackageEvaluator.Evaluate(championPackage, result.Holdout);

            var target = parse.GetValue(output)!;
            result.Package.Save(target);
            var metadata = result.Package.Metadata;
            if (json)
            {
                console.WriteJson(new { package = result.Package.Location, metrics = result.Package.Metrics, champion = championMetrics, metadata });
                return 0;
            }

            MetricsTable.Write(console, result.Package.Metrics, championMetrics);
            console.Ansi.WriteLine($"trained {metadata.Trainer} on {metadata.Dataset.TrainRows:N0} rows, evaluated on {metadata.Dataset.HoldoutRows:N0} in {metadata.Timings.TotalMs / 1000:F1} s (fit {metadata.Timings.TrainMs / 1000:F1} s)");
            console.Ansi.WriteLine($"wrote {result.Package.Location}");
            return 0;
        });
        return command;
    }

    private static Dictionary<string, double> ParseParameters(string[]? values)
    {
        var parameters = new Dictionary<string, double>();
        foreach (var pair in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new CliException($"--param expects name=value, got '{pair}'");
            }

            parameters[parts[0]] = value;
        }

        return parameters;
    }
}
