using System.Text.Json;
using MlOps.Cli;
using MlOps.Rehearsal.Manifests;
using MlOps.Rehearsal.Running;
using Xunit.Abstractions;

namespace MlOps.Loop.Tests.Rehearsal;

/// <summary>
/// Environments run here exactly as rendered (<c>mlops env rehearse</c>): Cloud Run's contract for
/// each manifest, the Pub/Sub test server with the environment's names, PostgreSQL for Cloud SQL,
/// and the log sink routing the Predictor's stdout to the DriftWatcher as LogEntry JSON.
/// </summary>
public sealed class RehearsalTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _work = new("mlops-rehearsal");

    public void Dispose() => _work.Dispose();

    private static string Postgres => Environment.GetEnvironmentVariable("MLOPS_TEST_POSTGRES")
        ?? throw new InvalidOperationException("MLOPS_TEST_POSTGRES is not set: run ./test.sh, which starts a PostgreSQL for the tests");

    private async Task<JsonElement> RehearseAsync(params string[] extra)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = ["env", "rehearse", .. extra, "--environments", Path.Combine(Repository.Root, "environments"), "--work", _work.Path, "--postgres", Postgres, "--json"];
        var exit = await CliApp.RunAsync(args, CliConsole.Capture(stdout, stderr));
        output.WriteLine(stdout.ToString());
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}\n{Logs()}");
        return JsonDocument.Parse(stdout.ToString()).RootElement;
    }

    // The loop closed from v1 to a newer version: v2, or a later one when the drift outlasted the environment's
    // alert cooldown on a loaded machine (dev's is 60 s) and the DriftWatcher asked for another retraining.
    private static void NewVersionServes(JsonElement result)
    {
        Assert.Equal(1, result.GetProperty("fromVersion").GetInt32());
        Assert.True(result.GetProperty("toVersion").GetInt32() >= 2, result.ToString());
    }

    // Every secret the run used (secrets.json, as Secret Manager stood in) is absent from every instance's log and from the command's own output.
    private void NoSecretLogged(JsonElement result)
    {
        var secrets = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(_work.Path, "secrets.json")))!;
        Assert.NotEmpty(secrets);
        var outputs = Directory.EnumerateFiles(Path.Combine(_work.Path, "logs")).ToDictionary(f => Path.GetFileName(f) ?? f, File.ReadAllText);
        outputs["stdout"] = result.ToString();
        foreach (var (name, value) in secrets)
        {
            var leaked = outputs.Where(o => o.Value.Contains(value, StringComparison.Ordinal)).Select(o => o.Key).ToList();
            Assert.True(leaked.Count == 0, $"the value of secret {name} appears in {string.Join(", ", leaked)}");
        }
    }

    private string Logs() =>
        string.Join("\n", Directory.EnumerateFiles(Path.Combine(_work.Path, "logs")).Select(f => $"--- {Path.GetFileName(f)}:\n{Tail(File.ReadAllText(f))}"));

    private static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;

    [Fact]
    public async Task Dev_closes_the_loop_from_its_rendered_manifests_with_drift_seen_through_the_log_sink()
    {
        var result = await RehearseAsync("dev");

        NewVersionServes(result);
        Assert.Equal(0, result.GetProperty("failedRequests").GetInt64());
        // The environment's Predictor logs to stdout only: every entry the DriftWatcher saw came through the sink.
        Assert.True(result.GetProperty("logEntriesRouted").GetInt64() > 1000, result.ToString());
        // The Predictor reached the private Deployer only with ID tokens the Deployer verified.
        Assert.True(result.GetProperty("idTokensIssued").GetInt64() > 0, result.ToString());
        NoSecretLogged(result);
    }

    [Fact]
    public async Task Prod_closes_the_loop_through_its_deploy_build_with_two_predictor_instances_and_one_replaced_mid_canary()
    {
        var result = await RehearseAsync("prod", "--replace-mid-canary");

        NewVersionServes(result);
        Assert.Equal(2, result.GetProperty("predictorInstances").GetInt32());
        Assert.Contains("killed during the v", result.GetProperty("replaced").GetString(), StringComparison.Ordinal);
        // Only requests in flight on the killed instance may fail; the front counts them.
        Assert.Equal(result.GetProperty("frontFailures").GetInt64(), result.GetProperty("failedRequests").GetInt64());

        // Every version went out through prod's deploy trigger, run through Cloud Build's API by the deployer holding
        // only its bootstrap role, and each build recorded its pin: the last one is the version that serves.
        var gitops = result.GetProperty("gitops");
        var builds = gitops.GetProperty("builds").GetInt32();
        Assert.True(builds >= 2, gitops.ToString());
        Assert.Equal(builds, gitops.GetProperty("succeeded").GetInt32());
        Assert.Equal(0, gitops.GetProperty("refused").GetInt32());
        var toVersion = result.GetProperty("toVersion").GetInt32();
        Assert.Equal($"taxi-tips v{toVersion}", gitops.GetProperty("pins").EnumerateArray().Last().GetString());
        var pins = gitops.GetProperty("pinsFile").GetString()!;
        var pin = Assert.Single(MlOps.GitOps.Pins.PinsFile.Parse(File.ReadAllText(pins), pins));
        Assert.Equal(("taxi-tips", toVersion), (pin.Model, pin.Version));

        // Prod's on-call webhook got the drift alert (at least), each delivery signed with the webhook's secret.
        var hooks = result.GetProperty("alertWebhooks");
        Assert.True(hooks.GetProperty("signed").GetInt32() >= 1, hooks.ToString());
        Assert.Equal(0, hooks.GetProperty("badSignatures").GetInt64());
        NoSecretLogged(result);
    }

    [Fact]
    public async Task Staging_closes_the_loop_on_Vertex_AI_with_the_mirror_the_endpoint_target_and_custom_job_training()
    {
        var result = await RehearseAsync("staging");

        NewVersionServes(result);
        Assert.Equal(0, result.GetProperty("failedRequests").GetInt64());
        var vertex = result.GetProperty("vertex");
        // Each service held only its bootstrap role, and nothing it called was refused.
        Assert.Equal(0, vertex.GetProperty("refused").GetInt32());
        // Both versions were trained as custom jobs, mirrored with their evaluations, deployed on the endpoint (v2 as a canary) and v1 undeployed.
        Assert.True(vertex.GetProperty("customJobs").GetInt32() >= 2, vertex.ToString());
        Assert.True(vertex.GetProperty("modelUploads").GetInt32() >= 2, vertex.ToString());
        Assert.True(vertex.GetProperty("evaluations").GetInt32() >= 2, vertex.ToString());
        Assert.True(vertex.GetProperty("aliasMerges").GetInt32() >= 2, vertex.ToString());
        Assert.True(vertex.GetProperty("deployments").GetInt32() >= 2, vertex.ToString());
        Assert.True(vertex.GetProperty("undeployments").GetInt32() >= 1, vertex.ToString());
        // Drift was seen in the serving containers' logs routed by the sink.
        Assert.True(result.GetProperty("logEntriesRouted").GetInt64() > 1000, result.ToString());
        NoSecretLogged(result);
    }

    [Fact]
    public async Task A_service_whose_startup_probe_never_passes_is_reported_as_a_revision_that_is_not_ready()
    {
        var manifest = ManifestReader.Read(
            """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: registry
            spec:
              template:
                spec:
                  containers:
                  - name: registry
                    image: europe-west1-docker.pkg.dev/acme/mlops/registry@sha256:0000000000000000000000000000000000000000000000000000000000000000
                    ports:
                    - containerPort: 8080
                    env:
                    - name: MlOps__Transport
                      value: InMemory
                    startupProbe:
                      httpGet:
                        path: /no-such-probe
                        port: 8080
                      periodSeconds: 1
                      timeoutSeconds: 1
                      failureThreshold: 12
            """,
            "registry.yaml");
        var plan = new RehearsalPlan("probe", "acme", "europe-west1", [manifest], [], new Dictionary<string, string>(), 60, "prediction-logs", _ => false);

        var refused = await Assert.ThrowsAsync<RevisionNotReadyException>(() =>
            EnvironmentRehearsal.StartAsync(plan, new RehearsalOptions(Repository.Root, _work.Path) { Configuration = Repository.Configuration }, _ => { }, CancellationToken.None));

        Assert.Equal(("registry", "registry-00001-rhs"), (refused.Service, refused.Revision));
        Assert.Contains("Revision 'registry-00001-rhs' of service 'registry' is not ready", refused.Message, StringComparison.Ordinal);
        Assert.Contains("12 attempts every 1 s; last answer: HTTP 404 from /no-such-probe", refused.Message, StringComparison.Ordinal);
    }
}
