using MlOps.Testing;

/// <summary>The run modes and how each is measured; a mode that cannot run here says why instead.</summary>
internal static class Modes
{
    public static readonly string[] All = ["embedded", "processes", "aspire", "rehearsal"];

    public static async Task<ModeResult> MeasureAsync(string mode, int repeats)
    {
        var (how, note) = Describe(mode);
        if (WhyNot(mode) is { } reason)
        {
            Console.WriteLine($"{mode}: not run: {reason}");
            return new ModeResult(mode, how, [], reason, note);
        }

        var runs = new List<LoopRun>();
        for (var r = 0; r < repeats; r++)
        {
            try
            {
                var run = await RunAsync(mode);
                runs.Add(run);
                Console.WriteLine($"{mode} run {r + 1}: " + string.Join(", ", LoopRun.Stages.Zip(run.Offsets).Where(s => s.Second is not null).Select(s => $"{s.First} {s.Second:F2} s")) + " after onset");
            }
            // A mode that fails here (a host that will not start, DCP missing) is reported, and the other modes still run.
            catch (Exception e)
            {
                Console.WriteLine($"{mode} run {r + 1} failed: {e.Message}");
            }
        }

        return new ModeResult(mode, how, runs, runs.Count == 0 ? "every run failed (above)" : null, note);
    }

    private static Task<LoopRun> RunAsync(string mode) => mode switch
    {
        "embedded" => EmbeddedMode.RunAsync(),
        "processes" => ProcessesMode.RunAsync(CancellationToken.None),
        "aspire" => AspireMode.RunAsync(CancellationToken.None),
        "rehearsal" => RehearsalMode.RunAsync(RehearsalMode.Postgres!),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    private static (string How, string? Note) Describe(string mode) => mode switch
    {
        "embedded" => ("`mlops loop --json` (in-memory bus, one process)", null),
        "processes" => ("five service hosts over the Pub/Sub test server, `mlops drive`", "training requested: not recorded by the services (asked for as the alert is raised)"),
        "aspire" => ("the AppHost under Aspire.Hosting.Testing, its loop-driver's `drive`", "onset: when the driver wrote the drifted snapshots; training requested: not recorded"),
        "rehearsal" => ($"`mlops env rehearse {RehearsalMode.Environment}` (rendered manifests, Cloud Run's contract)", "only the driver's view: the services stop with the command and answer only ID tokens the rehearsal issues; detected and 100% as the driver polled them (every 250 ms)"),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    private static string? WhyNot(string mode)
    {
        if (!File.Exists(Cli.Binary))
        {
            return $"the CLI is not built at {Cli.Binary}";
        }

        var hosts = new[] { "Trainer", "Registry", "Deployer", "Predictor", "DriftWatcher" }.Select(ServiceProcess.Binary).Where(b => !File.Exists(b)).ToList();
        var pubsub = Path.Combine(Repository.Root, ".tools", "pubsub-server");
        return mode switch
        {
            "embedded" => null,
            _ when hosts.Count > 0 => $"service hosts not built: {string.Join(", ", hosts)}",
            "processes" or "aspire" when !File.Exists(pubsub) && Environment.GetEnvironmentVariable(PubSubTestServer.EmulatorHostVariable) is not { Length: > 0 } =>
                $"the Pub/Sub test server is missing at {pubsub} (scripts/build-pubsub-server.sh)",
            "rehearsal" when RehearsalMode.Postgres is null => "no PostgreSQL to stand in for Cloud SQL: set MLOPS_TEST_POSTGRES (export MLOPS_TEST_POSTGRES=\"$(scripts/start-postgres.sh)\")",
            _ => null,
        };
    }
}
