using MassTransit;
using MlOps.Contracts;
using MlOps.Core.Packaging;
using MlOps.Rehearsal.Running;
using MlOps.Services.Tests.Infrastructure;
using MlOps.Testing;
using MlOps.Trainer;

namespace MlOps.Services.Tests.Vertex;

/// <summary>Training as a Vertex AI custom job: the stand-in runs the built Trainer host with <c>--job</c>, as Vertex AI would run the Trainer image.</summary>
public sealed class CustomJobTrainingTests
{
    private const string TrainerImage = "europe-west1-docker.pkg.dev/acme/mlops/trainer@sha256:4567";

    private static async Task<(VertexRig Rig, ModuleHost Host, TempDirectory Work)> Start(bool runJobs = true)
    {
        var work = new TempDirectory();
        var root = Path.Combine(work.Path, "bucket");
        Directory.CreateDirectory(root);
        var containers = new RehearsalContainers(VertexRig.Bucket, root, work.Path, service => ServiceProcess.Binary(EnvironmentRehearsal.HostName(service)), null);
        var rig = await VertexRig.StartAsync(runJobs ? containers : null);
        var settings = rig.Settings("trainer");
        settings["Trainer:Backend"] = "CustomJob";
        settings["Trainer:CustomJob:Image"] = TrainerImage;
        settings["Trainer:CustomJob:MachineType"] = "n1-highmem-16";
        settings["Trainer:CustomJob:ServiceAccount"] = VertexRig.Account("trainer");
        settings["Trainer:DataPath"] = "datasets/taxi";
        settings["Trainer:SchemaPath"] = "datasets/taxi/schema.json";
        settings["Trainer:Parameters:trees"] = "30";
        var host = await ModuleHost.StartAsync(b => b.AddTrainer(), settings, root);
        return (rig, host, work);
    }

    private static TrainingRequested Request() => new(NewId.NextGuid(), "taxi", "manual", DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_custom_job_trains_on_the_bucket_and_the_Trainer_publishes_its_outcome_as_a_local_run_would()
    {
        var (rig, host, work) = await Start();
        await using (rig)
        await using (host)
        using (work)
        {
            Datasets.WriteTaxi(host.ArtifactRoot, "taxi", snapshots: 2, rows: 3000);
            var request = Request();

            await host.Bus.Publish(request);
            var trained = await Wait.Published<ModelTrained>(host.Harness, timeout: TimeSpan.FromSeconds(120));

            Assert.Equal((request.RequestId, 6000L, "LightGbm"), (trained.RequestId, trained.Lineage.DatasetRows, trained.Lineage.Trainer));
            Assert.True(ModelPackage.Load(Path.Combine(host.ArtifactRoot, trained.PackageUri)).Verify().Passed);
            var create = Assert.Single(rig.StandIn.Requests, r => r.Method == "POST" && r.Path.EndsWith("/customJobs", StringComparison.Ordinal));
            var pool = create.Body!["jobSpec"]!["workerPoolSpecs"]![0]!;
            Assert.Equal("n1-highmem-16", pool["machineSpec"]!["machineType"]!.GetValue<string>());
            Assert.Equal(TrainerImage, pool["containerSpec"]!["imageUri"]!.GetValue<string>());
            Assert.Equal("--job", pool["containerSpec"]!["args"]![0]!.GetValue<string>());
            Assert.Equal(VertexRig.Account("trainer"), create.Body["jobSpec"]!["serviceAccount"]!.GetValue<string>());
            Assert.Equal(request.RequestId.ToString("N"), create.Body["labels"]!["mlops-request"]!.GetValue<string>());
            Assert.True(File.Exists(Path.Combine(host.ArtifactRoot, "jobs", request.RequestId.ToString("N"), "job.json")));

            // Redelivered: the same job is followed, none is submitted again.
            await host.Bus.Publish(request);
            await Wait.Until(() => host.Harness.Published.Select<ModelTrained>().Count() == 2, "the redelivered outcome", TimeSpan.FromSeconds(60));
            Assert.Single(rig.StandIn.Requests, r => r.Method == "POST" && r.Path.EndsWith("/customJobs", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Invalid_data_in_a_custom_job_gives_training_failed_with_every_validation_error()
    {
        var (rig, host, work) = await Start();
        await using (rig)
        await using (host)
        using (work)
        {
            Datasets.WriteTaxi(host.ArtifactRoot, "taxi", snapshots: 1, rows: 200);
            var lines = File.ReadAllLines(Path.Combine(host.ArtifactRoot, "datasets/taxi/taxi-2026-01-01.csv")).ToList();
            lines[3] = lines[3].Replace("credit_card", "bitcoin").Replace("cash", "bitcoin");
            lines[8] = "x," + lines[8];
            File.WriteAllLines(Path.Combine(host.ArtifactRoot, "datasets/taxi/taxi-2026-01-02.csv"), lines);

            await host.Bus.Publish(Request());
            var failed = await Wait.Published<TrainingFailed>(host.Harness, timeout: TimeSpan.FromSeconds(120));

            Assert.Equal(2, failed.ErrorCount);
            Assert.Contains(failed.Errors, e => e.Contains("'bitcoin'"));
            Assert.Contains(failed.Errors, e => e.Contains("row 8: expected 10 fields, found 11"));
        }
    }

    [Fact]
    public async Task A_job_that_fails_without_an_outcome_is_training_failed_with_the_jobs_error()
    {
        var containers = new FakeContainers { Job = (_, _) => Task.FromResult(137) };
        await using var rig = await VertexRig.StartAsync(containers);
        var settings = rig.Settings("trainer");
        settings["Trainer:Backend"] = "CustomJob";
        settings["Trainer:CustomJob:Image"] = TrainerImage;
        await using var host = await ModuleHost.StartAsync(b => b.AddTrainer(), settings);

        await host.Bus.Publish(Request());
        var failed = await Wait.Published<TrainingFailed>(host.Harness, timeout: TimeSpan.FromSeconds(60));

        Assert.Contains("JOB_STATE_FAILED", Assert.Single(failed.Errors));
        Assert.Contains("137", failed.Errors[0]);
    }
}
