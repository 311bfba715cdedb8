using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MlOps.Core.Data;
using MlOps.Core.Packaging;
using MlOps.Core.Synthetic;
using MlOps.Core.Training;
using MlOps.Platform.Net;
using MlOps.Testing;

// The real Predictor with a package of the default learner, measured in one run against (1) the same server's
// constant-answer endpoint — the ceiling: same server, same body reading — (2) FastAPI + sklearn
// servers on the same data: the one a Python expert writes (async handler, numpy rows, one OpenMP
// thread, a worker per core) and the sync pandas one it replaced, and, for batch, sklearn's
// predict_proba job on the same file.
if (args is ["--serve", ..])
{
    // The server side of the benchmark: this program, relaunched as the Predictor host plus the ceiling.
    await CeilingHost.RunAsync(args[1..]);
    return;
}

var seconds = Arg("--seconds", 10);
var repeats = Arg("--repeats", 3);
var connections = Arg("--connections", 32);
var batchRows = Arg("--batch-rows", 1_000_000);
var skip = args.Where(a => a.StartsWith("--skip-", StringComparison.Ordinal)).Select(a => a[7..]).ToHashSet();
var root = Repository.Root;
var work = Path.Combine(root, ".mlops", "bench-serving");
var artifacts = Path.Combine(work, "artifacts");
Directory.CreateDirectory(artifacts);

var trainCsv = Path.Combine(work, "train.csv");
if (!File.Exists(trainCsv))
{
    TaxiTripGenerator.WriteCsv(trainCsv, new TaxiTripGenerator(2024).Generate(100_000));
}

var package = Path.Combine(artifacts, "packages", "taxi-tips", "v1");
if (!Directory.Exists(package))
{
    var data = DatasetReader.Load(DatasetSource.FromPath(trainCsv), TaxiTripGenerator.Schema).Dataset!;
    ModelTrainer.Train(data, new TrainingOptions(), new TrainingContext { ModelName = "taxi-tips" }).Package.Save(package);
}

// The learner the package was trained with names the Predictor's row (a package left by an earlier run may predate a change of default).
var learner = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(package, ModelPackage.MetadataFile))).RootElement.GetProperty("trainer").GetString();
var trip = new TaxiTripGenerator(7).Next();
var body = JsonSerializer.Serialize(new { instances = new[] { Instance(trip) } });
// 32 instances per request, and one positional instance (values in the schema's feature order).
var generator = new TaxiTripGenerator(11);
var body32 = JsonSerializer.Serialize(new { instances = Enumerable.Range(0, 32).Select(_ => Instance(generator.Next())).ToArray() });
var positional = JsonSerializer.Serialize(new
{
    instances = new[] { new object[] { trip.Month, trip.Day, trip.DayOfWeek, trip.Hour, trip.DurationMinutes, trip.DistanceMiles, trip.PaymentType, trip.PickupZone, trip.DropoffZone } },
});
var duration = TimeSpan.FromSeconds(seconds);
Console.WriteLine($"load: wrk 2 threads × {connections} connections, one instance per request, {seconds} s per run, median of {repeats}; machine: {Environment.ProcessorCount} cores");

var lines = new List<string>();
WrkResult? ours = null;
WrkResult? ours32 = null;
if (!skip.Contains("online"))
{
    var port = LoopbackPort.Free();
    using var predictor = await Server.Start("dotnet", [typeof(CeilingHost).Assembly.Location, "--serve"], new Dictionary<string, string>
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["MlOps__Artifacts__Root"] = artifacts,
        ["Predictor__PackageUri"] = "packages/taxi-tips/v1",
        ["Predictor__LogSampling"] = ArgText("--log-sampling", "1.0"),
        ["Predictor__LogToStdout"] = ArgText("--log-stdout", "true"),
        ["Predictor__PublishLogs"] = "false",
    }, $"http://127.0.0.1:{port}/health");
    var predict = $"http://127.0.0.1:{port}/v1/models/taxi-tips:predict";
    var ceiling = $"http://127.0.0.1:{port}{CeilingHost.Route}";
    Wrk.Run(predict, body, 2, connections, TimeSpan.FromSeconds(5));
    Wrk.Run(ceiling, body, 2, connections, TimeSpan.FromSeconds(5));
    using var heapClient = new HttpClient();
    var runs = new List<(WrkResult Predictor, WrkResult Ceiling)>();
    for (var r = 0; r < repeats; r++)
    {
        // Alternating which goes first cancels slow drifts in what the shared machine is doing.
        WrkResult Measure(string url)
        {
            var heap = Heap();
            var before = predictor.CpuTime();
            var result = Wrk.Run(url, body, 2, connections, duration);
            var cpu = predictor.CpuTime() - before;
            var after = Heap();
            return result with
            {
                CpuMicroseconds = cpu.TotalMicroseconds / result.Requests,
                AllocatedBytes = (after.AllocatedBytes - heap.AllocatedBytes) / (double)result.Requests,
                Gen1Collections = after.Gen1 - heap.Gen1,
            };
        }

        HeapStats Heap() => JsonSerializer.Deserialize<HeapStats>(heapClient.GetStringAsync($"http://127.0.0.1:{port}{CeilingHost.HeapRoute}").Result, JsonSerializerOptions.Web)!;

        if (r % 2 == 0)
        {
            var p = Measure(predict);
            runs.Add((p, Measure(ceiling)));
        }
        else
        {
            var c = Measure(ceiling);
            runs.Add((Measure(predict), c));
        }

        Console.WriteLine($"  run {r + 1}: predictor {runs[^1].Predictor.Rps:N0} rps, ceiling {runs[^1].Ceiling.Rps:N0} rps");
    }

    ours = Median(runs.Select(x => x.Predictor));
    var top = Median(runs.Select(x => x.Ceiling));
    using var http = new HttpClient();
    var log = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/admin/prediction-log")).RootElement;
    var served = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/admin/endpoints/taxi-tips")).RootElement.GetProperty("versions")[0].GetProperty("requests").GetInt64();
    lines.Add($"{$"Predictor ({learner}, logging 100%)",-36} {ours.Rps,10:N0} {ours.P50Ms,8:F2} {ours.P99Ms,8:F2}   non-2xx {runs.Sum(x => x.Predictor.Non2xx)}");
    lines.Add($"{"ceiling (same server, constant)",-36} {top.Rps,10:N0} {top.P50Ms,8:F2} {top.P99Ms,8:F2}");
    var ratios = runs.Select(x => x.Predictor.Rps / x.Ceiling.Rps).Order().ToList();
    lines.Add($"Predictor ÷ ceiling: {ours.Rps / top.Rps:F3} (median rps ÷ median rps); per run {string.Join(", ", ratios.Select(x => x.ToString("F3")))}   (target ≥ 0.92; p99 target ≤ 3 ms)");
    var oursCpu = MedianOf(runs.Select(x => x.Predictor.CpuMicroseconds));
    var topCpu = MedianOf(runs.Select(x => x.Ceiling.CpuMicroseconds));
    lines.Add($"server CPU per request: Predictor {oursCpu:F1} µs, ceiling {topCpu:F1} µs; Predictor ÷ ceiling {oursCpu / topCpu:F3} (target ≤ 1.15)");
    var oursBytes = MedianOf(runs.Select(x => x.Predictor.AllocatedBytes));
    var topBytes = MedianOf(runs.Select(x => x.Ceiling.AllocatedBytes));
    lines.Add($"server allocations per request: Predictor {oursBytes:F0} B, ceiling {topBytes:F0} B (+{oursBytes - topBytes:F0} B); gen1 collections per run {string.Join("/", runs.Select(x => x.Predictor.Gen1Collections))} against {string.Join("/", runs.Select(x => x.Ceiling.Gen1Collections))}");
    lines.Add($"prediction log: {log.GetProperty("written").GetInt64():N0} entries written for {served:N0} requests served, {log.GetProperty("dropped").GetInt64():N0} dropped");
    ours32 = Median(Enumerable.Range(0, repeats).Select(_ => Wrk.Run(predict, body32, 2, connections, duration)).ToList());
    var byPosition = Median(Enumerable.Range(0, repeats).Select(_ => Wrk.Run(predict, positional, 2, connections, duration)).ToList());
    lines.Add($"{"Predictor, 32 instances per request",-36} {ours32.Rps,10:N0} {ours32.P50Ms,8:F2} {ours32.P99Ms,8:F2}   {ours32.Rps * 32:N0} rows/s, non-2xx {ours32.Non2xx}");
    lines.Add($"{"Predictor, one positional instance",-36} {byPosition.Rps,10:N0} {byPosition.P50Ms,8:F2} {byPosition.P99Ms,8:F2}   {byPosition.Rps / ours.Rps:F3} × the object instance's rps, non-2xx {byPosition.Non2xx}");
}

if (ours is not null)
{
    // The Python peers, each on the same model and port layout, one uvicorn worker per core, one OpenMP thread each.
    if (!skip.Contains("fastapi-tuned"))
    {
        var tuned = await Peer("fastapi_tuned.py", body, []);
        lines.Add($"{$"FastAPI tuned (async, numpy, {Environment.ProcessorCount} workers)",-36} {tuned.Rps,10:N0} {tuned.P50Ms,8:F2} {tuned.P99Ms,8:F2}   non-2xx {tuned.Non2xx}");
        lines.Add($"Predictor ÷ tuned FastAPI: {ours.Rps / tuned.Rps:F1}×   (target ≥ 80×)");
        if (ours32 is not null)
        {
            var tuned32 = await Peer("fastapi_tuned.py", body32, []);
            lines.Add($"{"FastAPI tuned, 32 instances",-36} {tuned32.Rps,10:N0} {tuned32.P50Ms,8:F2} {tuned32.P99Ms,8:F2}   {tuned32.Rps * 32:N0} rows/s; Predictor ÷ it {ours32.Rps / tuned32.Rps:F1}× in rows/s");
        }
    }

    if (!skip.Contains("fastapi"))
    {
        var theirs = await Peer("fastapi_server.py", body, ["--threads", "1"]);
        lines.Add($"{$"FastAPI + pandas (sync, {Environment.ProcessorCount} workers)",-36} {theirs.Rps,10:N0} {theirs.P50Ms,8:F2} {theirs.P99Ms,8:F2}   non-2xx {theirs.Non2xx}");
        lines.Add($"Predictor ÷ FastAPI + pandas: {ours.Rps / theirs.Rps:F1}×   (the earlier peer, kept for continuity)");
    }
}

if (!skip.Contains("batch"))
{
    var cli = Path.Combine(root, "tools", "MlOps.Cli", "bin", "Release", "net10.0", "mlops.dll");
    var one = Csv(batchRows);
    var four = Csv(batchRows * 4);
    var oursBatch = Enumerable.Range(0, repeats).Select(_ => Batch(cli, one)).ToList();
    var big = Batch(cli, four);
    var sklearn = Enumerable.Range(0, repeats).Select(_ => SklearnBatch(one)).ToList();
    var oursRate = MedianOf(oursBatch.Select(b => b.RowsPerSecond));
    var theirRate = MedianOf(sklearn);
    lines.Add($"batch CSV → CSV, {batchRows:N0} rows: ours {oursRate:N0} rows/s, sklearn {theirRate:N0} rows/s, ratio {oursRate / theirRate:F2} (target ≥ 1)");
    lines.Add($"batch peak memory: {MedianOf(oursBatch.Select(b => (double)b.PeakBytes)) / 1048576:F0} MiB for {batchRows:N0} rows, {big.PeakBytes / 1048576.0:F0} MiB for {batchRows * 4:N0} rows ({big.RowsPerSecond:N0} rows/s)");
}

Console.WriteLine();
Console.WriteLine($"{"",-36} {"rps",10} {"p50 ms",8} {"p99 ms",8}");
lines.ForEach(Console.WriteLine);
return;

string Csv(int rows)
{
    var path = Path.Combine(work, $"batch-{rows}.csv");
    if (!File.Exists(path))
    {
        TaxiTripGenerator.WriteCsv(path, new TaxiTripGenerator(99).Generate(rows));
    }

    return path;
}

(double RowsPerSecond, long PeakBytes) Batch(string cli, string input)
{
    var start = new ProcessStartInfo("dotnet", [cli, "predict", package, "--input", input, "--output", Path.Combine(work, "batch-out.csv"), "--json"]) { RedirectStandardOutput = true };
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEndAsync();
    long peak = 0;
    while (!process.WaitForExit(50))
    {
        peak = Math.Max(peak, Memory.PeakOf(process.Id));
    }

    var result = JsonDocument.Parse(output.Result).RootElement;
    return (result.GetProperty("rowsPerSecond").GetDouble(), peak);
}

double SklearnBatch(string input)
{
    var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(root, "bench", "python", "sklearn_train.py"), trainCsv, "--threads", Environment.ProcessorCount.ToString(), "--predict-repeats", "1", "--batch-csv", input, Path.Combine(work, "sklearn-out.csv")]) { RedirectStandardOutput = true };
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.GetProperty("batch_rows_per_second").GetDouble();
}

async Task<WrkResult> Peer(string script, string request, string[] options)
{
    var port = LoopbackPort.Free();
    using var server = await Server.Start("/usr/bin/python3", [Path.Combine(root, "bench", "python", script), "--csv", trainCsv, "--port", port.ToString(CultureInfo.InvariantCulture), "--model-name", "taxi-tips", "--workers", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), .. options],
        new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1" }, $"http://127.0.0.1:{port}/health");
    var url = $"http://127.0.0.1:{port}/v1/models/taxi-tips:predict";
    Wrk.Run(url, request, 2, connections, TimeSpan.FromSeconds(5));
    return Median(Enumerable.Range(0, repeats).Select(_ => Wrk.Run(url, request, 2, connections, duration)).ToList());
}

static Dictionary<string, object> Instance(TaxiTrip trip) => new()
{
    ["trip_month"] = trip.Month,
    ["trip_day"] = trip.Day,
    ["trip_day_of_week"] = trip.DayOfWeek,
    ["trip_hour"] = trip.Hour,
    ["trip_duration"] = trip.DurationMinutes,
    ["trip_distance"] = trip.DistanceMiles,
    ["payment_type"] = trip.PaymentType,
    ["pickup_zone"] = trip.PickupZone,
    ["dropoff_zone"] = trip.DropoffZone,
};

static WrkResult Median(IEnumerable<WrkResult> runs)
{
    var list = runs.ToList();
    return new WrkResult(MedianOf(list.Select(r => r.Rps)), MedianOf(list.Select(r => r.P50Ms)), MedianOf(list.Select(r => r.P99Ms)), list.Sum(r => r.Non2xx), list.Select(r => r.SocketErrors).FirstOrDefault(e => e is not null));
}

static double MedianOf(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}


string ArgText(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : fallback;

int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
