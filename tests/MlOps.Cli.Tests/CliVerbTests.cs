namespace MlOps.Cli.Tests;

public sealed class CliVerbTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mlops-cli-tests", Guid.NewGuid().ToString("N"));

    public CliVerbTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => CliRun.DeleteWorkingDirectory(_dir);

    private Task<CliRun> Mlops(params string[] args) => CliRun.Invoke(_dir, args);

    private async Task<CliRun> Ok(params string[] args)
    {
        var run = await Mlops(args);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    [Fact]
    public async Task Generate_infer_validate_train_evaluate_predict_and_drift_work_end_to_end()
    {
        await Ok("data", "generate", "--out", "train.csv", "--rows", "6000", "--seed", "3");
        await Ok("data", "generate", "--out", "surge.csv", "--rows", "3000", "--seed", "4", "--scenario", "airport-surge");

        var infer = await Ok("schema", "infer", "train.csv", "--label", "tip_bin", "--out", "schema.yaml");
        Assert.Contains("wrote schema.yaml", infer.Output);

        var validate = await Ok("validate", "train.csv", "--schema", "schema.yaml", "--json");
        Assert.True(validate.Json().GetProperty("valid").GetBoolean());
        Assert.Equal(6000, validate.Json().GetProperty("rows").GetInt32());

        var train = await Ok("train", "train.csv", "--schema", "schema.yaml", "--out", "model.zip", "--param", "trees=40", "--json");
        var auc = train.Json().GetProperty("metrics").GetProperty("auc").GetDouble();
        Assert.InRange(auc, 0.75, 1.0);
        Assert.True(File.Exists(Path.Combine(_dir, "model.zip")));

        var evaluate = await Ok("evaluate", "model.zip", "surge.csv", "--json");
        Assert.True(evaluate.Json().GetProperty("metrics").GetProperty("auc").GetDouble() < auc);

        var predict = await Ok("predict", "model.zip", "--input", "surge.csv", "--output", "scored.csv", "--json");
        Assert.Equal(3000, predict.Json().GetProperty("scored").GetInt32());
        var lines = File.ReadAllLines(Path.Combine(_dir, "scored.csv"));
        Assert.Equal(3001, lines.Length);
        Assert.EndsWith("probability,label", lines[0]);

        File.WriteAllLines(Path.Combine(_dir, "few.jsonl"), ["[7,11,4,6,44,2.1,\"cash\",\"SoHo\",\"JFK Airport\"]", "{\"trip_month\":99}"]);
        var jsonLines = await Ok("predict", "model.zip", "--input", "few.jsonl", "--output", "few.out.jsonl", "--json");
        Assert.Equal((1, 1), (jsonLines.Json().GetProperty("scored").GetInt32(), jsonLines.Json().GetProperty("rejected").GetInt32()));
        Assert.Contains("\"prediction\":{\"probability\":", File.ReadAllText(Path.Combine(_dir, "few.out.jsonl")));

        var one = await Ok("predict", "model.zip", "--instance", """[7,11,4,6,44,2.1,"credit_card","SoHo","JFK Airport"]""");
        Assert.InRange(one.Json().GetProperty("probability").GetDouble(), 0, 1);

        var drift = await Mlops("drift", "model.zip", "surge.csv", "--fail-on-drift", "--json");
        Assert.Equal(3, drift.ExitCode);
        Assert.Contains(drift.Json().GetProperty("features").EnumerateArray(), f => f.GetProperty("feature").GetString() == "trip_distance" && f.GetProperty("drifted").GetBoolean());
    }

    [Fact]
    public async Task Training_with_a_champion_compares_both_on_the_same_holdout()
    {
        await Ok("data", "generate", "--out", "old.csv", "--rows", "4000", "--seed", "1", "--schema", "schema.json");
        await Ok("data", "generate", "--out", "new", "--snapshots", "2", "--rows", "3000", "--seed", "9", "--scenario", "airport-surge");
        await Ok("train", "old.csv", "--schema", "schema.json", "--out", "v1");

        var v2 = await Ok("train", "new", "--newest", "2", "--schema", "schema.json", "--out", "v2", "--champion", "v1", "--json");

        var challenger = v2.Json().GetProperty("metrics").GetProperty("auc").GetDouble();
        var champion = v2.Json().GetProperty("champion").GetProperty("auc").GetDouble();
        Assert.True(challenger > champion, $"challenger {challenger} champion {champion}");
        Assert.Equal(2, v2.Json().GetProperty("metadata").GetProperty("dataset").GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task Every_trainer_can_be_chosen_from_the_command_line()
    {
        await Ok("data", "generate", "--out", "d.csv", "--rows", "3000", "--schema", "schema.json");

        foreach (var trainer in new[] { "FastTree", "LightGbm", "Sdca" })
        {
            var run = await Ok("train", "d.csv", "--schema", "schema.json", "--out", trainer, "--trainer", trainer, "--json");
            Assert.Equal(trainer, run.Json().GetProperty("metadata").GetProperty("trainer").GetString());
        }
    }

    [Fact]
    public async Task Bad_input_exits_non_zero_with_a_one_line_reason()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.csv"), "trip_month,tip_bin\n13,1\n");
        await Ok("data", "generate", "--out", "d.csv", "--rows", "100", "--schema", "schema.json");

        var cases = new (string[] Args, string Reason)[]
        {
            (["validate", "bad.csv", "--schema", "schema.json"], "error: the data is not valid"),
            (["train", "bad.csv", "--schema", "schema.json", "--out", "m"], "error: the data is not valid, nothing was trained"),
            (["train", "d.csv", "--schema", "missing.json", "--out", "m"], "error: invalid feature schema: file not found"),
            (["evaluate", "nowhere", "d.csv"], "error: no model package at nowhere"),
            (["data", "generate", "--out", "x.csv", "--scenario", "storm"], "error: unknown scenario 'storm'"),
            (["train", "d.csv", "--schema", "schema.json", "--out", "m", "--param", "trees"], "error: --param expects name=value"),
            (["schema", "infer", "d.csv", "--label", "nope"], "error: invalid feature schema: label column 'nope' is not in the header"),
        };

        foreach (var (args, reason) in cases)
        {
            var run = await Mlops(args);
            Assert.True(run.ExitCode != 0, run.ToString());
            var lastLine = run.Error.TrimEnd().Split('\n')[^1];
            Assert.StartsWith(reason, lastLine);
        }
    }

    [Fact]
    public async Task A_bad_instance_names_the_field()
    {
        await Ok("data", "generate", "--out", "d.csv", "--rows", "2000", "--schema", "schema.json");
        await Ok("train", "d.csv", "--schema", "schema.json", "--out", "m");

        var run = await Mlops("predict", "m", "--instance", """{"trip_month":7}""");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("trip_distance: missing feature", run.Error);
    }
}
