using System.Net;
using System.Text.Json.Nodes;

namespace MlOps.StandIns.Tests;

public sealed class CustomJobTests
{
    private static JsonObject Job(string displayName = "train-churn") => new()
    {
        ["displayName"] = displayName,
        ["labels"] = new JsonObject { ["pipeline"] = "churn" },
        ["jobSpec"] = new JsonObject
        {
            ["serviceAccount"] = "mlops-trainer@acme-mlops-dev.iam.gserviceaccount.com",
            ["baseOutputDirectory"] = new JsonObject { ["outputUriPrefix"] = "gs://acme-training/churn/run-7" },
            ["workerPoolSpecs"] = new JsonArray(new JsonObject
            {
                ["machineSpec"] = new JsonObject { ["machineType"] = "n1-standard-8" },
                ["replicaCount"] = "1",
                ["containerSpec"] = new JsonObject
                {
                    ["imageUri"] = "europe-west4-docker.pkg.dev/acme-mlops-dev/training/churn:1",
                    ["args"] = new JsonArray("--epochs", "3"),
                    ["env"] = new JsonArray(new JsonObject { ["name"] = "SEED", ["value"] = "7" }),
                },
            }),
        },
    };

    private static Task<JsonNode> FinishedAsync(GoogleClient client, string name) =>
        Vertex.EventuallyAsync(async () => (await client.GetAsync("v1/" + name)).Ok, job => job["state"]!.GetValue<string>() is "JOB_STATE_SUCCEEDED" or "JOB_STATE_FAILED" or "JOB_STATE_CANCELLED", $"the job {name} to end");

    [Fact]
    public async Task A_job_is_answered_queued_then_runs_its_first_worker_with_vertex_variables_and_succeeds()
    {
        var containers = new FakeContainers();
        await using var standIn = await Harness.StartAsync(o => o with { Containers = containers });
        using var client = new GoogleClient(standIn);

        var created = (await client.PostAsync($"v1/{Harness.Parent}/customJobs", Job())).Ok;
        var name = created["name"]!.GetValue<string>();
        var finished = await FinishedAsync(client, name);

        Assert.Matches($"^{Harness.Parent}/customJobs/[0-9]+$", name);
        Assert.Equal("JOB_STATE_QUEUED", created["state"]!.GetValue<string>());
        Assert.NotNull(created["createTime"]);
        Assert.Null(created["startTime"]);
        Assert.Equal("JOB_STATE_SUCCEEDED", finished["state"]!.GetValue<string>());
        Assert.All(["startTime", "endTime", "updateTime"], field => Assert.NotNull(finished[field]));
        Assert.Null(finished["error"]);
        Assert.Equal("1", finished["jobSpec"]!["workerPoolSpecs"]![0]!["replicaCount"]!.GetValue<string>());

        var launch = containers.Jobs.Single();
        var env = launch.Container.Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal(name, launch.Job);
        Assert.Equal("n1-standard-8", launch.MachineType);
        Assert.Equal("mlops-trainer@acme-mlops-dev.iam.gserviceaccount.com", launch.ServiceAccount);
        Assert.Equal(["--epochs", "3"], launch.Container.Args);
        Assert.Equal("7", env["SEED"]);
        Assert.Equal("gs://acme-training/churn/run-7/model/", env["AIP_MODEL_DIR"]);
        Assert.Equal("gs://acme-training/churn/run-7/checkpoints/", env["AIP_CHECKPOINT_DIR"]);
        Assert.Equal("gs://acme-training/churn/run-7/logs/", env["AIP_TENSORBOARD_LOG_DIR"]);
        Assert.Equal(name[(name.LastIndexOf('/') + 1)..], env["CLOUD_ML_JOB_ID"]);
    }

    [Fact]
    public async Task A_job_whose_worker_exits_non_zero_fails_with_code_13_naming_the_replica_and_status()
    {
        await using var standIn = await Harness.StartAsync(o => o with { Containers = new FakeContainers { ExitCode = 3 } });
        using var client = new GoogleClient(standIn);

        var name = (await client.PostAsync($"v1/{Harness.Parent}/customJobs", Job())).Ok["name"]!.GetValue<string>();
        var finished = await FinishedAsync(client, name);

        Assert.Equal("JOB_STATE_FAILED", finished["state"]!.GetValue<string>());
        Assert.Equal(13, finished["error"]!["code"]!.GetValue<int>());
        Assert.StartsWith("The replica workerpool0-0 exited with a non-zero status of 3.", finished["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_job_goes_cancelling_then_cancelled_and_an_ended_one_cannot_be_cancelled()
    {
        await using var standIn = await Harness.StartAsync(o => o with { Containers = new FakeContainers { JobsRunUntilCancelled = true } });
        using var client = new GoogleClient(standIn);
        var name = (await client.PostAsync($"v1/{Harness.Parent}/customJobs", Job())).Ok["name"]!.GetValue<string>();
        await Vertex.EventuallyAsync(async () => (await client.GetAsync("v1/" + name)).Ok["state"]!.GetValue<string>(), state => state == "JOB_STATE_RUNNING", "the job to run");

        var cancel = (await client.PostAsync($"v1/{name}:cancel", new JsonObject())).Ok;
        var finished = await FinishedAsync(client, name);
        var again = await client.PostAsync($"v1/{name}:cancel", null);

        Assert.Empty(cancel.AsObject());
        Assert.Equal("JOB_STATE_CANCELLED", finished["state"]!.GetValue<string>());
        Assert.Equal(1, finished["error"]!["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("FAILED_PRECONDITION", again.Error["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Jobs_are_listed_by_label_and_state_and_without_containers_succeed_at_once()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        var churn = (await client.PostAsync($"v1/{Harness.Parent}/customJobs", Job())).Ok["name"]!.GetValue<string>();
        var other = Job("train-fraud");
        other["labels"] = new JsonObject { ["pipeline"] = "fraud" };
        await client.PostAsync($"v1/{Harness.Parent}/customJobs", other);
        await FinishedAsync(client, churn);

        var byLabel = (await client.GetAsync($"v1/{Harness.Parent}/customJobs?filter={Uri.EscapeDataString("labels.pipeline=churn")}")).Ok;
        var succeeded = (await client.GetAsync($"v1/{Harness.Parent}/customJobs?filter={Uri.EscapeDataString("state=\"JOB_STATE_SUCCEEDED\" AND labels.pipeline=\"churn\"")}")).Ok;
        var capitalised = Job();
        capitalised["labels"] = new JsonObject { ["Pipeline"] = "churn" };
        var badLabels = await client.PostAsync($"v1/{Harness.Parent}/customJobs", capitalised);

        Assert.Equal([churn], byLabel["customJobs"]!.AsArray().Select(j => j!["name"]!.GetValue<string>()));
        Assert.Equal([churn], succeeded["customJobs"]!.AsArray().Select(j => j!["name"]!.GetValue<string>()));
        Assert.Equal(["customJob.labels[Pipeline]"], badLabels.ViolatedFields);
    }
}
