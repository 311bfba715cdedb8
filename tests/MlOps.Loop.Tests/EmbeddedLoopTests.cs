using System.Text.Json;
using MlOps.Cli;
using MlOps.Cli.Loop;
using MlOps.Contracts;
using MlOps.Core.Synthetic;
using MlOps.Deployer;

namespace MlOps.Loop.Tests;

/// <summary>The whole loop in one process, as a new user runs it, at a smaller size.</summary>
public sealed class EmbeddedLoopTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mlops-loop-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private LoopOptions Small(DriftScenario scenario, RolloutStrategy strategy) => new()
    {
        WorkDirectory = _dir,
        Scenario = scenario,
        Strategy = strategy,
        RowsPerSnapshot = 8000,
        RequestsPerSecond = 300,
        StablePeriod = TimeSpan.FromSeconds(4),
    };

    [Fact]
    public async Task Mlops_loop_detects_drift_retrains_gates_and_rolls_out_v2_to_all_traffic()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CliApp.RunAsync(["loop", "--workdir", _dir, "--rows", "8000", "--rps", "300", "--json"], CliConsole.Capture(output, error));

        Assert.True(exit == 0, $"{output}\n{error}");
        var result = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.True(result.GetProperty("closed").GetBoolean());
        Assert.Equal(2, result.GetProperty("promotedVersion").GetInt32());
        Assert.Equal(0, result.GetProperty("failedRequests").GetInt64());
        Assert.Equal(0, result.GetProperty("falseAlarms").GetInt32());
        Assert.Equal(["2"], result.GetProperty("finalVersions").EnumerateObject().Select(p => p.Name));
        Assert.True(result.GetProperty("retrainedAuc").GetDouble() > result.GetProperty("championAucOnNewHoldout").GetDouble());

        var sequence = result.GetProperty("timeline").EnumerateArray().Select(e => (Service: e.GetProperty("service").GetString()!, What: e.GetProperty("what").GetString()!)).ToList();
        AssertInOrder(sequence,
            ("Loop", "TrainingRequested"),
            ("Trainer", "TrainingStarted"),
            ("Trainer", "ModelTrained"),
            ("Registry", "ModelVersionRegistered"),
            ("Registry", "ModelPromoted"),
            ("Deployer", "DeploymentStarted"),
            ("Deployer", "DeploymentCompleted"),
            ("Traffic", "drift begins"),
            ("DriftWatcher", "DriftDetected"),
            ("DriftWatcher", "TrainingRequested"),
            ("Trainer", "ModelTrained"),
            ("Registry", "ModelPromoted"),
            ("Deployer", "DeploymentStarted"),
            ("Deployer", "DeploymentCompleted"),
            ("Loop", "closed"));
        Assert.Contains(result.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("what").GetString() == "DeploymentStarted" && e.GetProperty("detail").GetString()!.Contains("canary beside v1"));
        // Usually the prediction-log windows see it first; on a slow machine the new labels may.
        Assert.Contains(result.GetProperty("drift").GetProperty("kind").GetString(), new[] { "skew", "drift", "performance" });
    }

    [Fact]
    public async Task Concept_drift_is_caught_on_the_new_labels_and_closes_the_loop_with_an_immediate_rollout()
    {
        var timeline = new Timeline();

        var result = await new LoopRunner(Small(DriftScenario.TippingChange, RolloutStrategy.Immediate), timeline).RunAndStopAsync();

        Assert.True(result.Closed, result.Problem);
        Assert.Equal("performance", result.Drift!.Kind);
        Assert.Equal(0, result.FailedRequests);
        Assert.Contains(timeline.Events, e => e.Message is DeploymentStarted { Version: 2, Strategy: "immediate" });
    }

    [Fact]
    public async Task A_shift_that_a_new_model_cannot_improve_on_is_rejected_by_the_gate_and_the_loop_says_so()
    {
        var timeline = new Timeline();

        var result = await new LoopRunner(Small(DriftScenario.PaymentShift, RolloutStrategy.Canary), timeline).RunAndStopAsync();

        Assert.False(result.Closed);
        Assert.Contains("the gate rejected v2", result.Problem);
        Assert.Contains(timeline.Events, e => e.Message is DriftDetected { Kind: "skew" or "drift" });
        Assert.DoesNotContain(timeline.Events, e => e.Message is DeploymentStarted { Version: 2 });
    }

    private static void AssertInOrder(List<(string Service, string What)> actual, params (string Service, string What)[] expected)
    {
        var position = 0;
        foreach (var step in expected)
        {
            var found = actual.FindIndex(position, e => e == step);
            Assert.True(found >= 0, $"expected {step.Service} {step.What} after position {position} in:\n{string.Join("\n", actual)}");
            position = found + 1;
        }
    }
}
