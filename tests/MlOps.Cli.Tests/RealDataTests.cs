namespace MlOps.Cli.Tests;

/// <summary>Real NYC TLC trips (tests/data/real/SOURCES.md), converted to our column names by tests/data/real/convert_tlc.py.</summary>
public sealed class RealDataTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mlops-real-tests", Guid.NewGuid().ToString("N"));

    public RealDataTests()
    {
        Directory.CreateDirectory(_dir);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", "nyc_tlc_tips.csv"), Path.Combine(_dir, "trips.csv"));
    }

    public void Dispose() => CliRun.DeleteWorkingDirectory(_dir);

    [Fact]
    public async Task A_real_csv_trains_and_evaluates_with_schema_infer_and_train_and_no_code_change()
    {
        var infer = await CliRun.Invoke(_dir, "schema", "infer", "trips.csv", "--label", "tip_bin", "--out", "schema.json");
        var train = await CliRun.Invoke(_dir, "train", "trips.csv", "--schema", "schema.json", "--out", "model", "--json");
        var evaluate = await CliRun.Invoke(_dir, "evaluate", "model", "trips.csv", "--json");

        Assert.True(infer.ExitCode == 0, infer.ToString());
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        var metrics = train.Json().GetProperty("metrics");
        Assert.Equal(400, metrics.GetProperty("count").GetInt32());
        Assert.InRange(metrics.GetProperty("auc").GetDouble(), 0.7, 1.0);
        Assert.Equal(2000, train.Json().GetProperty("metadata").GetProperty("dataset").GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task Coded_columns_can_be_declared_categorical_at_inference()
    {
        var infer = await CliRun.Invoke(_dir, "schema", "infer", "trips.csv", "--label", "tip_bin", "--categorical", "payment_type,pickup_zone,dropoff_zone", "--out", "schema.json");
        var train = await CliRun.Invoke(_dir, "train", "trips.csv", "--schema", "schema.json", "--out", "model", "--trainer", "LightGbm", "--json");

        Assert.True(infer.ExitCode == 0 && train.ExitCode == 0, $"{infer}\n{train}");
        Assert.Contains("\"kind\": \"categorical\"", File.ReadAllText(Path.Combine(_dir, "schema.json")));
        Assert.InRange(train.Json().GetProperty("metrics").GetProperty("auc").GetDouble(), 0.7, 1.0);
    }
}
