using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Deployer;
using MlOps.Platform.Net;
using MlOps.Predictor;
using MlOps.Rehearsal.StandIns.CloudBuild;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Deployer;

/// <summary>
/// A gitops rollout over the Cloud Build stand-in: the Deployer runs the environment's deploy trigger with the pin,
/// follows the build, records it in the deployment history, and lets the version take traffic only once the build
/// succeeded; a failed, overrunning or refused build is a failed rollout with its reason, and nothing changes in traffic.
/// </summary>
public sealed class GitOpsRolloutTests
{
    private const string Trigger = "mlops-deploy-test";
    private const string Branch = "env/test";

    /// <summary>The deploy build's steps as a test plays them: each version's outcome, held until released.</summary>
    private sealed class Steps : IBuildRunner
    {
        public ConcurrentQueue<BuildLaunch> Launches { get; } = new();

        public ConcurrentDictionary<string, BuildRunOutcome> Outcomes { get; } = new();

        public ConcurrentDictionary<string, TaskCompletionSource> Holds { get; } = new();

        public async Task<BuildRunOutcome> RunAsync(BuildLaunch launch, CancellationToken cancellationToken)
        {
            Launches.Enqueue(launch);
            var version = launch.Substitutions[DeployBuildSubstitutions.Version];
            if (Holds.TryGetValue(version, out var hold))
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            return Outcomes.GetValueOrDefault(version, BuildRunOutcome.Success);
        }
    }

    private sealed class Rig : IAsyncDisposable
    {
        public required CloudBuildRig CloudBuild { get; init; }

        public required Steps Steps { get; init; }

        public required WebModuleHost Host { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await CloudBuild.DisposeAsync();
        }
    }

    private static async Task<Rig> StartAsync(string rollout = "immediate", IReadOnlySet<string>? deployerPermissions = null, int buildTimeoutSeconds = 120)
    {
        var steps = new Steps();
        var cloudBuild = await CloudBuildRig.StartAsync("deployer", new StandInTrigger("4f1d6c2e-0000-4000-8000-000000000001", Trigger, Branch),
            deployerPermissions ?? new HashSet<string>(["cloudbuild.builds.create", "cloudbuild.builds.get", "cloudbuild.builds.list", "cloudbuild.builds.update"], StringComparer.Ordinal), steps);
        var port = LoopbackPort.Free();
        var settings = new Dictionary<string, string?>(cloudBuild.Settings())
        {
            [PredictorExtensions.DeployerUrlKey] = $"http://127.0.0.1:{port}",
            ["Predictor:Fleet:ReportMilliseconds"] = "100",
            ["Predictor:Fleet:WaitSeconds"] = "2",
            ["Predictor:PublishLogs"] = "false",
            ["Deployer:Strategy"] = "gitops",
            ["Deployer:GitOps:Trigger"] = Trigger,
            ["Deployer:GitOps:Branch"] = Branch,
            ["Deployer:GitOps:Rollout"] = rollout,
            ["Deployer:GitOps:BuildTimeoutSeconds"] = buildTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Deployer:Canary:TrafficPercent"] = "30",
            ["Deployer:Canary:HealthyPredictions"] = "1000000",
            ["Deployer:Canary:TimeoutSeconds"] = "600",
            ["Deployer:PollMilliseconds"] = "50",
        };
        var host = await WebModuleHost.StartAsync(b => b.AddPredictor().AddDeployer(), a => a.MapPredictor().MapDeployer(), settings, port: port);
        return new Rig { CloudBuild = cloudBuild, Steps = steps, Host = host };
    }

    private static ModelPromoted Promoted(int version, string uri) =>
        new("taxi", version, uri, version == 1 ? null : version - 1, new GateVerdict(true, "test", 0.9, null, null, 0.7, 0.005), DateTimeOffset.UtcNow);

    private static async Task<Dictionary<int, int>> Split(WebModuleHost host)
    {
        var response = await host.Http.GetAsync("/admin/endpoints/taxi");
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetInt32(), v => v.GetProperty("percent").GetInt32());
    }

    private static async Task<List<DeploymentView>> History(WebModuleHost host) =>
        (await host.Http.GetFromJsonAsync<List<DeploymentView>>("/api/deployments?model=taxi", ApiJson.Options))!;

    private static async Task<Rig> WithV1(string rollout = "immediate", int buildTimeoutSeconds = 120)
    {
        var rig = await StartAsync(rollout, buildTimeoutSeconds: buildTimeoutSeconds);
        await rig.Host.Bus.Publish(Promoted(1, Packages.WriteStable(rig.Host.ArtifactRoot)));
        await Wait.Published<DeploymentCompleted>(rig.Host.Harness, d => d.Version == 1, what: "v1 deployed through its deploy build");
        return rig;
    }

    [Fact]
    public async Task A_promoted_version_takes_traffic_only_once_the_deploy_build_that_pins_it_succeeded_and_the_history_records_the_build()
    {
        await using var rig = await StartAsync();
        rig.Steps.Holds["1"] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var uri = Packages.WriteStable(rig.Host.ArtifactRoot);

        await rig.Host.Bus.Publish(Promoted(1, uri));
        var started = await Wait.Published<DeploymentStarted>(rig.Host.Harness, d => d.Version == 1, what: "the gitops rollout started");
        await Wait.Until(() => !rig.Steps.Launches.IsEmpty, "the deploy build runs");

        // The build is recorded once Cloud Build has answered its creation, a moment after it was launched.
        await Wait.Until(async () => await History(rig.Host) is [{ State: "Building" }], "the deployment to record its build");

        // While the build runs, nothing of v1 is served.
        Assert.Equal(RolloutStrategies.GitOps, started.Strategy);
        var building = Assert.Single(await History(rig.Host));
        Assert.Equal("Building", building.State);
        Assert.NotNull(building.Build);
        Assert.Empty(await Split(rig.Host));

        var launch = Assert.Single(rig.Steps.Launches);
        Assert.Equal(Branch, launch.Branch);
        Assert.Equal("taxi", launch.Substitutions[DeployBuildSubstitutions.Model]);
        Assert.Equal("1", launch.Substitutions[DeployBuildSubstitutions.Version]);
        Assert.Equal(uri, launch.Substitutions[DeployBuildSubstitutions.PackageUri]);
        Assert.Equal(building.Id.ToString("D"), launch.Substitutions[DeployBuildSubstitutions.DeploymentId]);

        rig.Steps.Holds["1"].SetResult();
        await Wait.Published<DeploymentCompleted>(rig.Host.Harness, d => d.Version == 1, what: "v1 deployed once its build succeeded");

        // The engine publishes a step's event before it records the step (a crash repeats it rather than losing it).
        await Wait.Until(async () => await History(rig.Host) is [{ State: "Completed" }], "the deployment to record its completion");
        Assert.Equal(new Dictionary<int, int> { [1] = 100 }, await Split(rig.Host));
        var done = Assert.Single(await History(rig.Host));
        Assert.Equal("SUCCESS", done.Build!.Status);
        Assert.Equal(launch.BuildId, done.Build.Id);
        Assert.Equal($"https://console.cloud.google.com/cloud-build/builds;region={CloudBuildRig.Location}/{launch.BuildId}?project={CloudBuildRig.Project}", done.Build.LogUrl);
    }

    [Fact]
    public async Task A_failed_deploy_build_is_a_failed_rollout_with_the_builds_reason_and_the_stable_version_keeps_all_traffic()
    {
        await using var rig = await WithV1();
        rig.Steps.Outcomes["2"] = BuildRunOutcome.Failure("Step #5 - \"wait-ready\": predictor: failed: Revision 'predictor-00002' is not ready");

        await rig.Host.Bus.Publish(Promoted(2, Packages.WriteSurge(rig.Host.ArtifactRoot)));
        var rolledBack = await Wait.Published<DeploymentRolledBack>(rig.Host.Harness, d => d.Version == 2, what: "v2's failed build rolled it back");

        var build = rig.Steps.Launches.Last();
        Assert.Contains($"deploy build {build.BuildId} ended FAILURE", rolledBack.Reason, StringComparison.Ordinal);
        Assert.Contains("Revision 'predictor-00002' is not ready", rolledBack.Reason, StringComparison.Ordinal);
        Assert.Contains("console.cloud.google.com/cloud-build/builds", rolledBack.Reason, StringComparison.Ordinal);
        Assert.Equal(1, rolledBack.RestoredVersion);
        Assert.Equal(new Dictionary<int, int> { [1] = 100 }, await Split(rig.Host));
        // The event goes out before the state is recorded (a crash repeats the step rather than losing it).
        await Wait.Until(async () => (await History(rig.Host)).Single(d => d.Version == 2).State == "RolledBack", "v2 recorded as rolled back");
        var v2 = (await History(rig.Host)).Single(d => d.Version == 2);
        Assert.Equal(("RolledBack", "build-failed", "FAILURE"), (v2.State, v2.Signal, v2.Build!.Status));
    }

    [Fact]
    public async Task A_deploy_build_that_overruns_its_timeout_is_cancelled_and_the_rollout_fails()
    {
        await using var rig = await WithV1(buildTimeoutSeconds: 10);
        rig.Steps.Holds["2"] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await rig.Host.Bus.Publish(Promoted(2, Packages.WriteSurge(rig.Host.ArtifactRoot)));
        var rolledBack = await Wait.Published<DeploymentRolledBack>(rig.Host.Harness, d => d.Version == 2, what: "v2's overrunning build rolled it back");

        Assert.Contains("after 10 s; it was cancelled", rolledBack.Reason, StringComparison.Ordinal);
        await Wait.Until(() => rig.CloudBuild.StandIn.Builds.Any(b => b.Launch.Substitutions[DeployBuildSubstitutions.Version] == "2" && b.Status == "CANCELLED"), "the stand-in cancelled the build");
        Assert.Equal(new Dictionary<int, int> { [1] = 100 }, await Split(rig.Host));
    }

    [Fact]
    public async Task Once_its_build_succeeded_a_version_can_go_out_as_a_canary()
    {
        await using var rig = await WithV1(rollout: "canary");

        await rig.Host.Bus.Publish(Promoted(2, Packages.WriteSurge(rig.Host.ArtifactRoot)));
        await Wait.Until(async () => (await History(rig.Host)).Any(d => d.Version == 2 && d.State == "Canary"), "v2 is a canary once its build succeeded");

        // The replica serves the canary split once it has followed the desired state.
        await Wait.Until(async () => (await Split(rig.Host)).OrderBy(kv => kv.Key).SequenceEqual(new Dictionary<int, int> { [1] = 70, [2] = 30 }), "the replica serves 70/30");
        Assert.Equal(2, rig.Steps.Launches.Count);
    }

    [Fact]
    public async Task A_redelivered_promotion_runs_one_deploy_build()
    {
        await using var rig = await StartAsync();
        var promoted = Promoted(1, Packages.WriteStable(rig.Host.ArtifactRoot));

        await rig.Host.Bus.Publish(promoted);
        await rig.Host.Bus.Publish(promoted);
        await Wait.Published<DeploymentCompleted>(rig.Host.Harness, d => d.Version == 1, what: "v1 deployed");
        await Task.Delay(500);

        Assert.Single(rig.Steps.Launches);
        Assert.Single(await History(rig.Host));
    }

    [Fact]
    public async Task A_deployer_without_the_right_to_run_builds_fails_the_rollout_naming_the_permission()
    {
        await using var rig = await StartAsync(deployerPermissions: new HashSet<string>(StringComparer.Ordinal) { "cloudbuild.builds.get" });

        await rig.Host.Bus.Publish(Promoted(1, Packages.WriteStable(rig.Host.ArtifactRoot)));
        var rolledBack = await Wait.Published<DeploymentRolledBack>(rig.Host.Harness, d => d.Version == 1, what: "the refused build rolled v1 back");

        Assert.Contains("the deploy build could not be started", rolledBack.Reason, StringComparison.Ordinal);
        Assert.Contains("cloudbuild.builds.create", rolledBack.Reason, StringComparison.Ordinal);
        Assert.Empty(rig.Steps.Launches);
        Assert.Empty(await Split(rig.Host));
    }
}
