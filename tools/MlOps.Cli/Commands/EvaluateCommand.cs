using System.CommandLine;
using MlOps.Core.Evaluation;
using MlOps.Core.Packaging;

namespace MlOps.Cli.Commands;

internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var package = new Argument<string>("package") { Description = "Model package folder or zip" };
        var data = new Argument<string>("data") { Description = "Labelled CSV file or folder of snapshots" };
        var newest = new Option<int?>("--newest") { Description = "For a folder: only the newest N snapshots" };

        var command = new Command("evaluate", "Evaluate a model package on labelled data")
        {
            package, data, newest, CommandExtensions.Json,
        };
        command.Handle(console, parse =>
        {
            var json = parse.GetValue(CommandExtensions.Json);
            var model = ModelPackage.Load(parse.GetValue(package)!);
            var loaded = DataLoading.Load(console, json, parse.GetValue(data)!, model.Schema, parse.GetValue(newest));
            if (loaded.Dataset is null)
            {
                if (!json)
                {
                    console.Ansi.WriteLine(loaded.Report.ToText());
                }

                throw new CliException($"the data does not fit the model's schema: {loaded.Report.Summary()}");
            }

            var metrics = PackageEvaluator.Evaluate(model, loaded.Dataset);
            if (json)
            {
                console.WriteJson(new { package = model.Location, metrics, training = model.Metrics });
            }
            else
            {
                MetricsTable.Write(console, metrics);
                console.Ansi.WriteLine($"at training time the holdout AUC was {model.Metrics.Auc:F4}");
            }

            return 0;
        });
        return command;
    }
}
