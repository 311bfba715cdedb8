using System.CommandLine;
using System.Text;
using MlOps.Contracts;
using MlOps.Core.Packaging;
using MlOps.Core.Scoring;

namespace MlOps.Cli.Commands;

internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var package = new Argument<string>("package") { Description = "Model package folder or zip" };
        var input = new Option<string?>("--input") { Description = "CSV file, or JSON lines (.jsonl) of instances, to score" };
        var output = new Option<string?>("--output") { Description = "File to write: the CSV rows plus probability and label, or JSON lines {instance, prediction}" };
        var rejects = new Option<string?>("--rejects") { Description = "Where rows that do not fit the schema go, with reasons (default: <output>.rejects.csv)" };
        var instance = new Option<string?>("--instance") { Description = "One instance as JSON: an object of features, or an array in schema order" };

        var command = new Command("predict", "Score a CSV or JSON-lines file, streaming, or one JSON instance")
        {
            package, input, output, rejects, instance, CommandExtensions.Json,
        };
        command.Handle(console, parse =>
        {
            var model = ModelPackage.Load(parse.GetValue(package)!);
            var json = parse.GetValue(CommandExtensions.Json);
            if (parse.GetValue(instance) is { } text)
            {
                return PredictOne(console, model, text);
            }

            var inputPath = parse.GetValue(input) ?? throw new CliException("give --input and --output to score a file, or --instance for one instance");
            var outputPath = parse.GetValue(output) ?? throw new CliException("--output is required with --input");
            if (!File.Exists(inputPath))
            {
                throw new FileNotFoundException($"no such file: {inputPath}");
            }

            var rejectsPath = parse.GetValue(rejects) ?? Path.ChangeExtension(outputPath, ".rejects.csv");
            var jsonLines = BatchFormats.FromExtension(inputPath) == BatchFormat.JsonLines;
            BatchScoringResult result;
            using (var source = File.OpenRead(inputPath))
            using (var target = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var rejected = new StreamWriter(rejectsPath, false, new UTF8Encoding(false)))
            {
                result = Progress.Run(console, json, $"scoring {Path.GetFileName(inputPath)}", source.Length, progress =>
                {
                    var positions = Progress.Sync(_ => progress.Report(source.Position));
                    if (jsonLines)
                    {
                        return BatchScorer.ScoreJsonLines(model, source, target, rejected, positions);
                    }

                    using var writer = new StreamWriter(target, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                    return BatchScorer.ScoreCsv(model, source, writer, rejected, positions);
                });
            }

            if (result.Rejected == 0)
            {
                File.Delete(rejectsPath);
            }

            if (json)
            {
                console.WriteJson(new { output = outputPath, rejects = result.Rejected > 0 ? rejectsPath : null, result.Rows, result.Scored, result.Rejected, seconds = result.Elapsed.TotalSeconds, result.RowsPerSecond });
            }
            else
            {
                console.Ansi.WriteLine($"scored {result.Scored:N0} of {result.Rows:N0} rows in {result.Elapsed.TotalSeconds:F1} s ({result.RowsPerSecond:N0} rows/s) into {outputPath}");
                if (result.Rejected > 0)
                {
                    console.Ansi.WriteLine($"{result.Rejected:N0} row(s) rejected; reasons in {rejectsPath}");
                }
            }

            return 0;
        });
        return command;
    }

    private static int PredictOne(CliConsole console, ModelPackage model, string text)
    {
        var parser = new InstanceParser(model.Schema);
        var batch = new FeatureBatch(model.Schema);
        var errors = new List<FieldError>();
        if (!parser.TryParseInstance(Encoding.UTF8.GetBytes(text), batch, errors))
        {
            throw new CliException("the instance does not fit the schema: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        var engine = model.Scorer.Rent();
        try
        {
            batch.Load(0, engine);
            var p = engine.Score();
            console.WriteJson(new { probability = p, label = model.LabelFor(p) });
        }
        finally
        {
            model.Scorer.Return(engine);
        }

        return 0;
    }
}
