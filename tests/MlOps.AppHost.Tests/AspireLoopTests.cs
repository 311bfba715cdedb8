using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlOps.GitOps.Model;
using Xunit.Abstractions;

namespace MlOps.AppHost.Tests;

/// <summary>F5, for real: the loop closes under Aspire, and the dashboard's commands reach the services.</summary>
[Collection(AspireApp.Collection)]
public sealed class AspireLoopTests(AspireApp aspire, ITestOutputHelper output)
{
    [Fact]
    public void Under_the_AppHost_the_loop_closes_with_v2_serving_all_traffic_and_the_driver_exiting_0()
    {
        var versions = aspire.SplitWhenTheLoopClosed.GetProperty("versions").EnumerateArray().Select(v => (Version: v.GetProperty("version").GetInt32(), Percent: v.GetProperty("percent").GetInt32())).ToList();

        output.WriteLine($"AppHost start to loop closed: {aspire.StartToLoopClosed.TotalSeconds:F1} s\n{aspire.DriverLog}");
        Assert.True(aspire.DriverExitCode == 0, $"the loop driver exited with {aspire.DriverExitCode}:\n{aspire.DriverLog}");
        Assert.Contains(versions, v => v.Version >= 2 && v.Percent == 100);
        Assert.Contains("loop closed: v1 → v2", aspire.DriverLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_now_on_the_trainer_starts_a_new_training_run()
    {
        using var trainer = aspire.Client("trainer");
        var before = (await trainer.GetFromJsonAsync<JsonElement>("/api/training/runs")).GetArrayLength();

        var result = await aspire.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync("trainer", "retrain");
        var runs = await Eventually(async () => await trainer.GetFromJsonAsync<JsonElement>("/api/training/runs"), r => r.GetArrayLength() > before, "a new training run");

        Assert.True(result.Success, result.Message);
        Assert.Contains(runs.EnumerateArray(), r => r.GetProperty("reason").GetString() == "manual");
    }

    [Fact]
    public async Task Inject_drift_on_the_traffic_shifts_it_and_lands_that_scenarios_labelled_snapshots()
    {
        var dataset = Path.Combine(aspire.ArtifactRoot, "datasets", AspireApp.Model);
        var before = Directory.GetFiles(dataset, "*.csv").Length;

        var result = await aspire.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync("traffic", "drift-tipping-change");
        using var traffic = aspire.Client("traffic");
        var status = await traffic.GetFromJsonAsync<JsonElement>("/");

        Assert.True(result.Success, result.Message);
        Assert.Equal("tipping-change", status.GetProperty("scenario").GetString());
        Assert.Equal(before + 3, Directory.GetFiles(dataset, "*.csv").Length);
    }

    [Fact]
    public async Task Roll_back_on_the_deployer_takes_the_newest_version_out_of_traffic()
    {
        var result = await aspire.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync("deployer", "rollback");
        using var deployer = aspire.Client("deployer");
        var history = await deployer.GetFromJsonAsync<JsonElement>($"/api/deployments?model={AspireApp.Model}");

        Assert.True(result.Success, result.Message);
        Assert.Contains(history.EnumerateArray(), d => d.GetProperty("state").GetString() == "RolledBack" && d.GetProperty("reason").GetString()!.Contains("Aspire dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_emulator_was_given_every_topic_and_subscription_before_the_services_started()
    {
        var host = await aspire.App.GetConnectionStringAsync("pubsub");
        await using var client = MlOps.PubSub.PubSubClient.Create(new MlOps.PubSub.PubSubClientSettings { EmulatorHost = host, ProjectId = "mlops-local", ReadEmulatorVariable = false });
        string[] topics = [.. MessagingNames.MessageTopics, .. MessagingNames.Endpoints, MessagingNames.PredictionLogs];
        string[] subscriptions = [.. MessagingNames.Endpoints, MessagingNames.PredictionLogs];

        var missingTopics = new List<string>();
        foreach (var topic in topics)
        {
            if (await client.Topics.GetAsync(topic) is null)
            {
                missingTopics.Add(topic);
            }
        }

        var deadlines = new Dictionary<string, int?>();
        foreach (var subscription in subscriptions)
        {
            deadlines[subscription] = (await client.Subscriptions.GetAsync(subscription))?.AckDeadlineSeconds;
        }

        Assert.Empty(missingTopics);
        Assert.All(deadlines, d => Assert.Equal(30, d.Value));
        var console = aspire.Console("pubsub");
        Assert.True(console.Contains($"Created {topics.Length} topics and {subscriptions.Length} subscriptions", StringComparison.Ordinal), console);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"waited 120 s for {what}");
            await Task.Delay(250);
        }
    }
}
