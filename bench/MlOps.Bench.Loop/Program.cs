// Loop latency in every run mode: from the drift's onset to the new version serving 100%, by stage,
// median of --repeats runs per mode; the embedded loop is the reference each mode is divided by.
var options = new BenchArgs(args);
var repeats = options.Int("--repeats", 3);
var modes = (options.Value("--modes") ?? string.Join(',', Modes.All)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
if (modes.FirstOrDefault(m => !Modes.All.Contains(m)) is { } unknown)
{
    Console.Error.WriteLine($"error: --modes takes {string.Join(", ", Modes.All)}, got '{unknown}'");
    return 2;
}

Console.WriteLine($"loop latency: modes {string.Join(", ", modes)}, median of {repeats} runs each; machine: {Environment.ProcessorCount} cores");
var results = new List<ModeResult>();
foreach (var mode in modes)
{
    results.Add(await Modes.MeasureAsync(mode, repeats));
}

LoopTable.Write(results);
return results.Any(r => r.NotRun is null && r.Runs.Count == 0) ? 1 : 0;
