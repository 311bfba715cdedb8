using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.GoogleApis;
using MlOps.GoogleApis.CloudBuild;
using MlOps.GoogleApis.Rest;
using MlOps.Rehearsal.Running;
using MlOps.Rehearsal.StandIns;
using MlOps.Rehearsal.StandIns.CloudBuild;

namespace MlOps.Services.Tests.Vertex;

/// <summary>Every Cloud Build call the Deployer makes, against the stand-in that checks it against Cloud Build's protos.</summary>
public sealed class CloudBuildClientTests
{
    private const string Project = "acme-test";
    private const string Location = "europe-west1";
    private const string Secret = "webhook-s3cret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly StandInTrigger Deploy = new("4d1f7a3e-8b2c-4e6f-9a1d-3c5b7e9f0a2b", "mlops-deploy-dev", "env/dev");
    private static readonly StandInTrigger Hook = new("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", "mlops-hook-dev", "main", Secret);

    private static RepoSource Pin(string version) => new()
    {
        BranchName = "env/dev",
        Substitutions = new Dictionary<string, string> { ["_MODEL"] = "taxi-tips", ["_MODEL_VERSION"] = version },
    };

    [Fact]
    public async Task A_run_is_followed_to_SUCCESS_with_the_builds_id_and_log_url_and_every_request_carries_the_account_token()
    {
        await using var rig = await Rig.StartAsync();

        var operation = await rig.CloudBuild.RunTriggerAsync(Deploy.Name, Pin("3"), CancellationToken.None);
        var queued = operation.Metadata!.Build!;
        var build = await rig.CloudBuild.WaitForBuildAsync(queued.Id!, Patience, CancellationToken.None);
        var done = await rig.CloudBuild.GetOperationAsync(operation.Name, CancellationToken.None);

        Assert.False(operation.Done);
        Assert.StartsWith($"projects/{Project}/locations/{Location}/operations/", operation.Name, StringComparison.Ordinal);
        Assert.Equal(BuildStatuses.Queued, queued.Status);
        Assert.Equal((BuildStatuses.Success, queued.Id), (build.Status, build.Id));
        Assert.Equal($"https://console.cloud.google.com/cloud-build/builds;region={Location}/{build.Id}?project={Project}", build.LogUrl);
        Assert.Equal(Deploy.Id, build.BuildTriggerId);
        Assert.Equal(("3", "env/dev", build.Id), (build.Substitutions!["_MODEL_VERSION"], build.Substitutions["BRANCH_NAME"], build.Substitutions["BUILD_ID"]));
        Assert.True(build.StartTime <= build.FinishTime);
        Assert.True(done.Done);
        Assert.Equal(BuildStatuses.Success, done.Response!.Status);

        var run = rig.StandIn.Requests.First(r => r.Path.EndsWith(":run", StringComparison.Ordinal));
        Assert.Equal(($"/v1/projects/{Project}/locations/{Location}/triggers/{Deploy.Name}:run", 200), (run.Path, run.Status));
        Assert.Equal((Project, Deploy.Name, "env/dev"), (run.Body!["projectId"]!.GetValue<string>(), run.Body["triggerId"]!.GetValue<string>(), run.Body["source"]!["branchName"]!.GetValue<string>()));
        Assert.All(rig.StandIn.Requests, r => Assert.Equal(("serviceAccount:" + Rig.Account, 200), (r.Principal, r.Status)));
    }

    [Fact]
    public async Task A_failed_build_ends_FAILURE_with_its_status_detail_and_failure_info()
    {
        const string Detail = "Build step failure: build step 2 \"gcr.io/cloud-builders/git\" failed: step exited with non-zero status: 1";
        await using var rig = await Rig.StartAsync(new Runner((_, _) => Task.FromResult(BuildRunOutcome.Failure(Detail))));

        var operation = await rig.CloudBuild.RunTriggerAsync(Deploy.Name, Pin("4"), CancellationToken.None);
        var build = await rig.CloudBuild.WaitForBuildAsync(operation.Metadata!.Build!.Id!, Patience, CancellationToken.None);

        Assert.Equal((BuildStatuses.Failure, Detail), (build.Status, build.StatusDetail));
        Assert.Equal(new FailureInfo("USER_BUILD_STEP", Detail), build.FailureInfo);
        var done = await rig.CloudBuild.GetOperationAsync(operation.Name, CancellationToken.None);
        Assert.Equal((true, null), (done.Done, done.Response));
        Assert.Equal(2, done.Error!.Code);
    }

    [Fact]
    public async Task A_build_still_working_after_the_timeout_is_a_TimeoutException_and_is_then_cancelled()
    {
        await using var rig = await Rig.StartAsync(new Runner(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return BuildRunOutcome.Success;
        }));
        var operation = await rig.CloudBuild.RunTriggerAsync(Deploy.Id, Pin("5"), CancellationToken.None);
        var id = operation.Metadata!.Build!.Id!;

        var late = await Assert.ThrowsAsync<TimeoutException>(() => rig.CloudBuild.WaitForBuildAsync(id, TimeSpan.FromMilliseconds(600), CancellationToken.None));
        var cancelled = await rig.CloudBuild.CancelBuildAsync(id, CancellationToken.None);

        Assert.Contains(id, late.Message, StringComparison.Ordinal);
        Assert.Equal(BuildStatuses.Cancelled, cancelled.Status);
        Assert.Equal(BuildStatuses.Cancelled, (await rig.CloudBuild.WaitForBuildAsync(id, Patience, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_missing_permission_is_an_error_naming_cloudbuild_builds_create_on_the_trigger_and_what_grants_it()
    {
        await using var rig = await Rig.StartAsync(permissions: ["cloudbuild.builds.get"]);

        var denied = await Assert.ThrowsAsync<GoogleApiException>(() => rig.CloudBuild.RunTriggerAsync(Deploy.Name, Pin("3"), CancellationToken.None));

        Assert.Equal((HttpStatusCode.Forbidden, "PERMISSION_DENIED", "cloudbuild.builds.create"), (denied.StatusCode, denied.Status, denied.Permission));
        Assert.Equal($"projects/{Project}/locations/{Location}/triggers/{Deploy.Name}", denied.Resource);
        Assert.Contains("lacks 'cloudbuild.builds.create'", denied.Message, StringComparison.Ordinal);
        Assert.Contains("mlops env bootstrap", denied.Message, StringComparison.Ordinal);
        Assert.Empty(rig.StandIn.Builds);
    }

    [Fact]
    public async Task An_unknown_trigger_and_substitutions_Cloud_Build_refuses_are_errors_saying_so()
    {
        await using var rig = await Rig.StartAsync();

        var missing = await Assert.ThrowsAsync<GoogleApiException>(() => rig.CloudBuild.RunTriggerAsync("mlops-deploy-nowhere", Pin("3"), CancellationToken.None));
        var refused = await Assert.ThrowsAsync<GoogleApiException>(() => rig.CloudBuild.RunTriggerAsync(Deploy.Name, Pin("3") with { Substitutions = new Dictionary<string, string> { ["model"] = "x" } }, CancellationToken.None));

        Assert.True(missing.IsNotFound);
        Assert.Contains("mlops-deploy-nowhere", missing.Message, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_ARGUMENT"), (refused.StatusCode, refused.Status));
        Assert.Contains("source.substitutions[model]", Assert.Single(refused.FieldViolations), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RpcCode.ResourceExhausted)]
    [InlineData(RpcCode.Unavailable)]
    public async Task A_run_refused_for_now_is_retried_after_the_servers_Retry_After_and_starts_one_build(RpcCode code)
    {
        await using var rig = await Rig.StartAsync();
        rig.StandIn.Inject(new StandInFault("POST", ":run", code) { Times = 2, RetryAfter = TimeSpan.FromSeconds(1) });

        var operation = await rig.CloudBuild.RunTriggerAsync(Deploy.Name, Pin("3"), CancellationToken.None);

        Assert.NotNull(operation.Metadata?.Build?.Id);
        var refusedWith = code == RpcCode.ResourceExhausted ? 429 : 503;
        Assert.Equal([refusedWith, refusedWith, 200], rig.StandIn.Requests.Where(r => r.Path.EndsWith(":run", StringComparison.Ordinal)).Select(r => r.Status));
        Assert.Single(rig.StandIn.Builds);
    }

    [Fact]
    public async Task A_webhook_event_with_the_triggers_secret_runs_a_build_given_its_payload_and_another_secret_is_refused()
    {
        var runner = new Runner((_, _) => Task.FromResult(BuildRunOutcome.Success));
        await using var rig = await Rig.StartAsync(runner);
        using var payload = JsonDocument.Parse("""{"ref":"refs/heads/main","model":"taxi-tips"}""");

        await rig.CloudBuild.ReceiveWebhookAsync(Hook.Name, Secret, payload.RootElement, CancellationToken.None);
        var wrong = await Assert.ThrowsAsync<GoogleApiException>(() => rig.CloudBuild.ReceiveWebhookAsync(Hook.Name, "guess", payload.RootElement, CancellationToken.None));

        var build = Assert.Single(rig.StandIn.Builds);
        Assert.Equal(Hook, build.Launch.Trigger);
        Assert.Equal("taxi-tips", build.Launch.WebhookPayload!.Value.GetProperty("model").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.DoesNotContain("guess", wrong.Message, StringComparison.Ordinal);
        Assert.Contains($"secret={Secret}", rig.StandIn.Requests[0].Query, StringComparison.Ordinal);
    }

    /// <summary>The Cloud Build stand-in, a metadata server handing the deployer's account its tokens, and the clients as the Deployer composes them.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        public static readonly string Account = $"mlops-deployer@{Project}.iam.gserviceaccount.com";

        private readonly LocalIdentityIssuer _issuer;
        private readonly IHost _clients;

        private Rig(LocalIdentityIssuer issuer, CloudBuildStandIn standIn, IHost clients)
        {
            _issuer = issuer;
            StandIn = standIn;
            _clients = clients;
        }

        public CloudBuildStandIn StandIn { get; }

        public CloudBuildClient CloudBuild => _clients.Services.GetRequiredService<CloudBuildClient>();

        public static async Task<Rig> StartAsync(IBuildRunner? runner = null, string[]? permissions = null)
        {
            var issuer = await LocalIdentityIssuer.StartAsync(LoopbackPort.Free(), new Dictionary<string, string> { ["deployer"] = Account }, CancellationToken.None);
            var standIn = await CloudBuildStandIn.StartAsync(new CloudBuildStandInOptions
            {
                Project = Project,
                Location = Location,
                Principal = issuer.PrincipalOf,
                Permissions = permissions is null ? null : new Dictionary<string, IReadOnlySet<string>> { ["serviceAccount:" + Account] = permissions.ToHashSet(StringComparer.Ordinal) },
                Triggers = [Deploy, Hook],
                Runner = runner,
                QueueDelay = TimeSpan.FromMilliseconds(100),
            }, CancellationToken.None);

            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MlOps:Google:Project"] = Project,
                ["MlOps:Google:Location"] = Location,
                ["MlOps:Google:CloudBuildUrl"] = standIn.Url.ToString(),
                ["MlOps:Google:TrustedCertificate"] = standIn.CertificatePath,
                ["MlOps:Google:TokenUrl"] = issuer.TokenUrlFor("deployer"),
                ["MlOps:Google:PollMilliseconds"] = "100",
            });
            builder.Logging.ClearProviders();
            builder.AddGoogleApis();
            return new Rig(issuer, standIn, builder.Build());
        }

        public async ValueTask DisposeAsync()
        {
            _clients.Dispose();
            await StandIn.DisposeAsync();
            await _issuer.DisposeAsync();
        }
    }

    private sealed class Runner(Func<BuildLaunch, CancellationToken, Task<BuildRunOutcome>> run) : IBuildRunner
    {
        public Task<BuildRunOutcome> RunAsync(BuildLaunch launch, CancellationToken cancellationToken) => run(launch, cancellationToken);
    }
}
