using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MlOps.Core.Data;
using MlOps.Core.Synthetic;
using MlOps.Core.Training;

// Trains FastTree and LightGbm with ML.NET and sklearn's HistGradientBoostingClassifier on the same
// generated CSV, in the same run, with the same thread count, and prints the ratios.
var rows = Arg("--rows", 1_000_000);
var repeats = Arg("--repeats", 3);
var threads = Arg("--threads", Environment.ProcessorCount);
var work = Path.GetFullPath(ArgText("--work", Path.Combine(".mlops", "bench")));
var script = Path.GetFullPath(ArgText("--script", Path.Combine("bench", "python", "sklearn_train.py")));
var python = ArgText("--python", "/usr/bin/python3");

var csv = Path.Combine(work, $"taxi-{rows}.csv");
if (!File.Exists(csv))
{
    Console.WriteLine($"generating {rows:N0} rows into {csv}");
    TaxiTripGenerator.WriteCsv(csv, new TaxiTripGenerator(2024).Generate(rows));
}

Console.WriteLine($"{rows:N0} rows, {threads} thread(s), median of {repeats} run(s); machine: {Environment.ProcessorCount} cores");
var sklearn = new List<JsonElement>();
var results = new Dictionary<string, List<Run>> { ["FastTree"] = [], ["LightGbm"] = [] };
for (var r = 0; r < repeats; r++)
{
    sklearn.Add(Sklearn());
    foreach (var trainer in new[] { TrainerKind.FastTree, TrainerKind.LightGbm })
    {
        results[trainer.ToString()].Add(MlNet(trainer));
    }

    Console.WriteLine($"  run {r + 1}: sklearn fit {sklearn[^1].GetProperty("fit_seconds").GetDouble():F2} s; "
        + string.Join("; ", results.Select(kv => $"{kv.Key} fit {kv.Value[^1].FitSeconds:F2} s")));
}

var skFit = Median(sklearn.Select(s => s.GetProperty("fit_seconds").GetDouble()));
var skLoad = Median(sklearn.Select(s => s.GetProperty("load_seconds").GetDouble()));
var skAuc = Median(sklearn.Select(s => s.GetProperty("auc").GetDouble()));
var skPredict = Median(sklearn.Select(s => s.GetProperty("predict_rows_per_second").GetDouble()));
Console.WriteLine();
Console.WriteLine($"{"",-10} {"load s",7} {"fit s",7} {"AUC",7} {"predict rows/s",14} | {"fit ÷",6} {"load+fit ÷",10} {"AUC −",8} {"predict ÷",9}");
Console.WriteLine($"{"sklearn",-10} {skLoad,7:F2} {skFit,7:F2} {skAuc,7:F4} {skPredict,14:N0} |");
foreach (var (name, runs) in results)
{
    var load = Median(runs.Select(x => x.LoadSeconds));
    var fit = Median(runs.Select(x => x.FitSeconds));
    var auc = Median(runs.Select(x => x.Auc));
    var predict = Median(runs.Select(x => x.PredictRowsPerSecond));
    var endToEnd = Median(runs.Select(x => x.LoadSeconds + x.FitSeconds)) / (skLoad + skFit);
    Console.WriteLine($"{name,-10} {load,7:F2} {fit,7:F2} {auc,7:F4} {predict,14:N0} | {fit / skFit,6:F2} {endToEnd,10:F2} {auc - skAuc,8:+0.0000;-0.0000} {predict / skPredict,9:F2}");
}

Console.WriteLine();
Console.WriteLine("ratios are ours ÷ sklearn's (AUC: ours − sklearn's); load = CSV to training matrix, fit = learner only, predict = batch over the whole file");
Console.WriteLine($"targets for the default learner ({new TrainingOptions().Trainer}): fit ≤ 1.0× sklearn's, AUC ≥ sklearn's − 0.002; batch prediction ≥ sklearn's rows/s");
return;

Run MlNet(TrainerKind trainer)
{
    var watch = Stopwatch.StartNew();
    var data = DatasetReader.Load(DatasetSource.FromPath(csv), TaxiTripGenerator.Schema).Dataset ?? throw new InvalidOperationException("generated data is invalid");
    var load = watch.Elapsed.TotalSeconds;
    var result = ModelTrainer.Train(data, new TrainingOptions
    {
        Trainer = trainer,
        Parameters = new Dictionary<string, double> { [TrainerParameters.Threads] = threads },
    });
    var predict = new List<double>();
    for (var i = 0; i < 3; i++)
    {
        watch.Restart();
        result.Package.Scorer.ScoreAll(data, threads);
        predict.Add(data.RowCount / watch.Elapsed.TotalSeconds);
    }

    return new Run(load, result.Package.Metadata.Timings.TrainMs / 1000, result.Package.Metrics.Auc, Median(predict));
}

JsonElement Sklearn()
{
    var start = new ProcessStartInfo(python, [script, csv, "--threads", threads.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, RedirectStandardError = true };
    using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {python}");
    var output = process.StandardOutput.ReadToEnd();
    var error = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"sklearn failed ({process.ExitCode}): {error}");
    }

    return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

string ArgText(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : fallback;

internal sealed record Run(double LoadSeconds, double FitSeconds, double Auc, double PredictRowsPerSecond);
