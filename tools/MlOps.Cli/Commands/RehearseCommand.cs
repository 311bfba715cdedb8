using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using MlOps.Cli.Loop;
using MlOps.Contracts.Api;
using MlOps.GitOps.Bootstrap;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;
using MlOps.GitOps.Validation;
using MlOps.Rehearsal.Manifests;
using MlOps.Rehearsal.Running;

namespace MlOps.Cli.Commands;

/// <summary><c>mlops env rehearse &lt;env&gt;</c>: the environment run here from its rendered manifests, driven until the loop closes.</summary>
internal static class RehearseCommand
{
    private const int LoopNotClosed = 1;
    private const int NotReady = 3;

    /// <summary>The ack deadline rehearsal gives the environment's subscriptions, as bootstrap creates them.</summary>
    public const int AckDeadlineSeconds = 60;

    public static Command Create(CliConsole console, Option<string?> folder)
    {
        var name = new Argument<string>("env") { Description = "Environment to rehearse (dev, staging, prod, ...)" };
        var work = new Option<string?>("--work") { Description = "Folder for the run: rendered manifests, the bucket, instance folders and logs (default: .mlops/rehearsal/<env>)" };
        var secrets = new Option<string?>("--secrets") { Description = "A JSON file of secret values by secret name, standing in for Secret Manager; missing secrets are made up" };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL server's admin connection string, standing in for Cloud SQL (default: MLOPS_POSTGRES)" };
        var instances = new Option<int>("--max-instances") { Description = "This machine's cap on instances per service", DefaultValueFactory = _ => 2 };
        var replace = new Option<bool>("--replace-mid-canary") { Description = "Kill one Predictor instance while a canary runs and start its replacement, as Cloud Run replaces instances" };
        var rps = new Option<double>("--rps") { Description = "Prediction requests per second", DefaultValueFactory = _ => 200 };
        var rows = new Option<int>("--rows") { Description = "Rows per snapshot", DefaultValueFactory = _ => 8000 };
        var command = new Command("rehearse", "Run an environment here exactly as rendered (Cloud Run's contract, Pub/Sub, Cloud SQL and the log sink stood in for) and drive the loop until a new version serves all traffic")
        {
            name, work, secrets, postgres, instances, replace, rps, rows, CommandExtensions.Json,
        };
        command.Handle(console, async (parse, cancellationToken) =>
        {
            var environments = EnvCommands.Folder(parse, folder);
            EnvironmentSpec spec;
            try
            {
                spec = EnvironmentLoader.LoadValid(environments, parse.GetValue(name)!);
            }
            catch (MlOps.GitOps.EnvironmentException e)
            {
                foreach (var problem in e.Problems)
                {
                    console.Error.WriteLine($"error: {problem}");
                }

                return LoopNotClosed;
            }

            var root = Path.GetDirectoryName(Path.GetFullPath(environments.Directory))!;
            var folderOfRun = Path.GetFullPath(parse.GetValue(work) ?? Path.Combine(".mlops", "rehearsal", spec.Name));
            if (Directory.Exists(folderOfRun))
            {
                Directory.Delete(folderOfRun, recursive: true);
            }

            var plan = Plan(spec, Path.Combine(folderOfRun, "rendered"));
            var deployBuild = GitOpsRollouts.On(spec) ? DeployBuild(environments, spec, plan, folderOfRun) : null;
            var options = new RehearsalOptions(root, folderOfRun)
            {
                DeployBuild = deployBuild,
                CloudBuildPermissions = deployBuild is null ? null : spec.Services.ToDictionary(
                    s => s.Name, s => (IReadOnlySet<string>)new HashSet<string>(s.Name == ServiceNames.Deployer ? GitOpsBootstrap.Role.Permissions : [], StringComparer.Ordinal)),
                MaxInstancesPerService = Math.Max(1, parse.GetValue(instances)),
                // The hosts built beside this CLI: its own configuration.
                Configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release",
                Secrets = parse.GetValue(secrets) is { } file ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? [] : [],
                Postgres = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("MLOPS_POSTGRES"),
                VertexPermissions = VertexPermissions(spec),
            };
            var json = parse.GetValue(CommandExtensions.Json);
            var started = DateTime.UtcNow;
            void Report(string service, string what)
            {
                if (!json)
                {
                    lock (console)
                    {
                        console.Ansi.MarkupLine($"[grey]{DateTime.UtcNow - started:mm\\:ss\\.f}[/]  [bold]{Markup.Escape(service),-12}[/] {Markup.Escape(what)}");
                    }
                }
            }

            EnvironmentRehearsal rehearsal;
            try
            {
                rehearsal = await EnvironmentRehearsal.StartAsync(plan, options, what => Report("Rehearsal", what), cancellationToken);
            }
            catch (RevisionNotReadyException e)
            {
                console.Error.WriteLine($"error: {e.Message}");
                console.Error.WriteLine($"the instance's last output:\n{e.Output}");
                return NotReady;
            }

            await using (rehearsal)
            {
                Report("Rehearsal", $"{spec.Name} runs from {plan.Services.Count} rendered manifests in {folderOfRun}");
                var url = (string service) => rehearsal.Service(service).Url;
                var vertex = VertexFeatures.Of(spec);
                var drive = new DriveOptions(url(ServiceNames.Trainer), url(ServiceNames.Predictor), url(ServiceNames.Registry), url(ServiceNames.Deployer), url(ServiceNames.DriftWatcher), rehearsal.Bucket)
                {
                    RequestsPerSecond = parse.GetValue(rps),
                    RowsPerSnapshot = parse.GetValue(rows),
                    // Every rendered service has an audience: the operator's calls carry a token for each one's URL.
                    IdTokens = uri => rehearsal.IdTokenFor(uri.GetLeftPart(UriPartial.Authority)),
                };
                if (vertex.Endpoint && rehearsal.Vertex is { } standIn)
                {
                    // Clients call the model's Vertex AI endpoint, with a token allowed to predict.
                    drive = drive with { PredictTarget = new PredictTarget($"{standIn.Url}v1/projects/{spec.Project}/locations/{spec.Region}/endpoints/{drive.Model}:predict", rehearsal.PredictToken, standIn.Certificate) };
                    Report("Rehearsal", $"traffic goes to the Vertex AI endpoint {drive.Model} (the stand-in) as {rehearsal.TrafficAccount}");
                }

                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var replacement = parse.GetValue(replace)
                    ? ReplaceMidCanaryAsync(rehearsal.Service(ServiceNames.Predictor), drive.Deployer, drive.Model, Report, stop.Token)
                    : Task.FromResult<string?>(null);
                try
                {
                    var result = await new ServiceDriver(drive, Report).RunAsync(cancellationToken);
                    await stop.CancelAsync();
                    var replaced = await replacement;
                    var front = rehearsal.Service(ServiceNames.Predictor).Front;
                    var summary = new
                    {
                        environment = spec.Name,
                        closed = result.Closed,
                        fromVersion = result.FromVersion,
                        toVersion = result.ToVersion,
                        loopLatencySeconds = result.LoopLatency.TotalSeconds,
                        requests = result.Requests,
                        failedRequests = result.FailedRequests,
                        predictorInstances = front.Replicas.Count,
                        replaced,
                        frontFailures = front.Failures.Count,
                        logEntriesRouted = rehearsal.Sink?.Routed ?? 0,
                        idTokensIssued = rehearsal.IdTokensIssued,
                        vertex = rehearsal.Vertex is { } v ? VertexSummary(v, rehearsal.VertexContainers) : null,
                        gitops = rehearsal.CloudBuild is { } cb && deployBuild is not null ? GitOpsSummary(cb, deployBuild) : null,
                        alertWebhooks = rehearsal.Alerts is { } alerts
                            ? new AlertDeliveries(alerts.Deliveries.Count, alerts.Deliveries.Values.Count(n => n > 1), alerts.BadSignatures)
                            : null,
                    };
                    if (json)
                    {
                        console.WriteJson(summary);
                    }
                    else
                    {
                        if (summary.gitops is { } builds)
                        {
                            console.Ansi.WriteLine($"Cloud Build stand-in: {builds.Requests:N0} requests ({builds.Refused} refused), {builds.Builds} deploy builds ({builds.Succeeded} succeeded), pins recorded: {string.Join(", ", builds.Pins)} in {builds.PinsFile}");
                        }

                        if (summary.alertWebhooks is { } hooks)
                        {
                            console.Ansi.WriteLine($"alert webhooks: {hooks.Signed} signed deliveries ({hooks.Repeated} repeated), {hooks.BadSignatures} refused for their signature");
                        }

                        if (summary.vertex is { } calls)
                        {
                            console.Ansi.WriteLine($"Vertex AI stand-in: {calls.Requests:N0} requests ({calls.Refused} refused), {calls.ModelUploads} model uploads, {calls.Evaluations} evaluations, {calls.AliasMerges} alias merges, {calls.Deployments} deployments, {calls.Undeployments} undeployments, {calls.CustomJobs} custom jobs, {calls.Containers} containers run");
                        }

                        console.Ansi.WriteLine($"rehearsal of {spec.Name}: loop closed, v{result.FromVersion} → v{result.ToVersion} in {result.LoopLatency.TotalSeconds:F1} s after the drift began; {result.Requests:N0} requests through {(drive.PredictTarget is null ? "the Predictor's front" : "the Vertex AI endpoint")}, {result.FailedRequests} failed; {summary.logEntriesRouted:N0} log entries routed by the sink{(replaced is null ? "" : $"; {replaced}")}");
                    }

                    return 0;
                }
                catch (LoopFailedException e)
                {
                    console.Error.WriteLine($"error: the loop did not close in the rehearsal of {spec.Name}: {e.Message}");
                    console.Error.WriteLine($"instance logs: {Path.Combine(folderOfRun, "logs")}");
                    return LoopNotClosed;
                }
            }
        });
        return command;
    }

    // What each service's account may do in Google Cloud, as bootstrap grants it: only its own Vertex AI role, for the features the environment turns on.
    private static IReadOnlyDictionary<string, IReadOnlySet<string>>? VertexPermissions(EnvironmentSpec spec)
    {
        var features = VertexFeatures.Of(spec);
        return features.Any
            ? spec.Services.ToDictionary(
                s => s.Name,
                s => (IReadOnlySet<string>)new HashSet<string>(features.CallsVertex(s.Name) && VertexRoles.For(s.Name) is { } role ? role.Permissions : [], StringComparer.Ordinal))
            : null;
    }

    private static VertexCalls VertexSummary(MlOps.Rehearsal.StandIns.VertexAiStandIn standIn, RehearsalContainers? containers)
    {
        var requests = standIn.Requests;
        int Count(string suffix) => requests.Count(r => r.Status == 200 && r.Path.EndsWith(suffix, StringComparison.Ordinal));
        return new VertexCalls(requests.Count, requests.Count(r => r.Status is 401 or 403), Count("/models:upload"), Count("/evaluations:import"), Count(":mergeVersionAliases"),
            Count(":deployModel"), Count(":undeployModel"), requests.Count(r => r.Status == 200 && r.Method == "POST" && r.Path.EndsWith("/customJobs", StringComparison.Ordinal)), containers?.Started ?? 0);
    }

    // The deploy build a gitops deployer runs, over a copy of the environments folder (the branch's checkout) so that
    // the pins it records stay with the run; it checks that what it renders is what the rehearsal runs.
    private static RehearsalDeployBuild DeployBuild(MlOps.GitOps.Loading.EnvironmentsFolder environments, EnvironmentSpec spec, RehearsalPlan plan, string folderOfRun)
    {
        var copy = Path.Combine(folderOfRun, "environments");
        foreach (var file in Directory.EnumerateFiles(environments.Directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(environments.Directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var rendered = plan.Services.ToDictionary(m => m.Name, m => File.ReadAllText(Path.Combine(folderOfRun, "rendered", $"{m.Name}.yaml")));
        return new RehearsalDeployBuild(copy, spec.Name, rendered);
    }

    private static GitOpsBuilds GitOpsSummary(MlOps.Rehearsal.StandIns.CloudBuildStandIn standIn, RehearsalDeployBuild deployBuild)
    {
        var requests = standIn.Requests;
        var builds = standIn.Builds;
        return new GitOpsBuilds(requests.Count, requests.Count(r => r.Status is 401 or 403), builds.Count, builds.Count(b => b.Status == "SUCCESS"), deployBuild.Pins, deployBuild.PinsPath);
    }

    /// <summary>What the environment's alert webhooks received in a rehearsal: signed deliveries, those that came more than once, and refused ones.</summary>
    internal sealed record AlertDeliveries(int Signed, int Repeated, long BadSignatures);

    /// <summary>What the gitops deployer asked of Cloud Build during a rehearsal, and the pins its deploy builds recorded.</summary>
    internal sealed record GitOpsBuilds(int Requests, int Refused, int Builds, int Succeeded, IReadOnlyList<string> Pins, string PinsFile);

    /// <summary>What the services asked of Vertex AI during a rehearsal.</summary>
    internal sealed record VertexCalls(int Requests, int Refused, int ModelUploads, int Evaluations, int AliasMerges, int Deployments, int Undeployments, int CustomJobs, int Containers);

    /// <summary>The environment rendered into <paramref name="renderedFolder"/> and read back: what rehearsal runs is the files.</summary>
    public static RehearsalPlan Plan(EnvironmentSpec spec, string renderedFolder)
    {
        Directory.CreateDirectory(renderedFolder);
        var manifests = new List<ServiceManifest>();
        foreach (var service in ServiceRenderer.Render(spec))
        {
            var path = Path.Combine(renderedFolder, $"{service.Name}.yaml");
            File.WriteAllText(path, KnativeManifest.ToYaml(service));
            manifests.Add(ManifestReader.Read(File.ReadAllText(path), path));
        }

        return new RehearsalPlan(
            spec.Name,
            spec.Project,
            spec.Region,
            manifests,
            spec.PubSub.Topics,
            spec.PubSub.Subscriptions.ToDictionary(s => s.Name, s => s.Topic),
            AckDeadlineSeconds,
            spec.LogSink.Topic,
            entry => PredictionLogFilter.Matches(entry, spec.Project));
    }

    // Once a canary takes traffic, one Predictor instance dies without warning and a new one takes its place.
    private static async Task<string?> ReplaceMidCanaryAsync(LocalService predictor, string deployer, string model, Action<string, string> report, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            while (true)
            {
                await Task.Delay(250, cancellationToken);
                var deployments = await http.GetFromJsonAsync<List<DeploymentView>>($"{deployer}/api/deployments?model={model}", ApiJson.Options, cancellationToken);
                if (deployments?.FirstOrDefault(d => d.State == "Canary" && d.CanaryRequests > 0) is { } canary)
                {
                    var (killed, replacement) = await predictor.ReplaceInstanceAsync(cancellationToken);
                    var what = $"instance {killed.Name} killed during the v{canary.Version} canary, {replacement.Name} took its place once past its startup probe";
                    report("Rehearsal", what);
                    return what;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
