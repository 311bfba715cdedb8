using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using MlOps.PubSub;
using MlOps.Rehearsal.Front;
using MlOps.Rehearsal.Manifests;
using MlOps.Rehearsal.StandIns;
using MlOps.Rehearsal.StandIns.CloudBuild;
using Npgsql;

namespace MlOps.Rehearsal.Running;

/// <summary>
/// An environment running here exactly as rendered: each Cloud Run manifest as instances of the
/// service's built host behind a front, with Cloud Run's contract (<c>PORT</c>, the manifest's env
/// with secrets resolved, startup probes gating traffic, min/max scale within this machine's cap);
/// the bucket as a folder, Pub/Sub as the test server with the environment's topics and
/// subscriptions, PostgreSQL for Cloud SQL, the log sink routing the Predictor's stdout, and IAP's signed header
/// on every request to a service behind IAP (the console).
/// </summary>
public sealed partial class EnvironmentRehearsal : IAsyncDisposable
{
    private readonly RehearsalPlan _plan;
    private readonly RehearsalOptions _options;
    private readonly Dictionary<string, LocalService> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private Process? _pubsubServer;
    private PubSubClient? _pubsub;
    private LocalIdentityIssuer? _issuer;
    private AlertReceiver? _alerts;
    private VertexAiStandIn? _vertex;
    private CloudBuildStandIn? _cloudBuild;
    private string? _trustedCertificates;

    private EnvironmentRehearsal(RehearsalPlan plan, RehearsalOptions options)
    {
        _plan = plan;
        _options = options;
        Bucket = Path.Combine(options.WorkFolder, "bucket");
    }

    /// <summary>The folder standing in for the environment's bucket.</summary>
    public string Bucket { get; }

    public IReadOnlyDictionary<string, LocalService> Services => _services;

    public LogSink? Sink { get; private set; }

    /// <summary>ID tokens the local issuer signed for the services' calls to each other.</summary>
    public long IdTokensIssued => _issuer?.Issued ?? 0;

    public string PubSubHost { get; private set; } = "";

    /// <summary>Vertex AI and Cloud Monitoring, stood in for when the environment turns a Vertex AI feature on.</summary>
    public VertexAiStandIn? Vertex => _vertex;

    /// <summary>The receivers of the environment's alert webhooks, when it configures any.</summary>
    public AlertReceiver? Alerts => _alerts;

    /// <summary>Cloud Build, stood in for when the deployer rolls out through the environment's deploy build (gitops).</summary>
    public CloudBuildStandIn? CloudBuild => _cloudBuild;

    /// <summary>What runs Vertex AI's containers (deployed models and custom jobs) here.</summary>
    public RehearsalContainers? VertexContainers { get; private set; }

    /// <summary>An access token allowed to call Vertex AI endpoints' <c>:predict</c>, as a client of the environment would hold.</summary>
    public string? PredictToken { get; private set; }

    /// <summary>The account <see cref="PredictToken"/> belongs to.</summary>
    public string TrafficAccount => $"rehearsal-traffic@{_plan.Project}.example.com";

    /// <summary>The operator who drives the loop, as a user holding ID tokens for the services would.</summary>
    public string OperatorAccount => $"rehearsal-operator@{_plan.Project}.example.com";

    /// <summary>An ID token of <see cref="OperatorAccount"/> for the service at <paramref name="audience"/> (its URL here), signed by the issuer every service trusts.</summary>
    public string IdTokenFor(string audience) => (_issuer ?? throw new InvalidOperationException("the rehearsal has not started")).Sign(OperatorAccount, audience);

    /// <summary>Starts everything and returns once every service has its minimum of instances past their startup probes.</summary>
    public static async Task<EnvironmentRehearsal> StartAsync(RehearsalPlan plan, RehearsalOptions options, Action<string> report, CancellationToken cancellationToken)
    {
        var rehearsal = new EnvironmentRehearsal(plan, options);
        try
        {
            await rehearsal.RunAsync(report, cancellationToken);
            return rehearsal;
        }
        catch
        {
            await rehearsal.DisposeAsync();
            throw;
        }
    }

    public LocalService Service(string name) =>
        _services.TryGetValue(name, out var service) ? service : throw new InvalidOperationException($"the environment has no service '{name}'");

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.Values)
        {
            await service.DisposeAsync();
        }

        if (_pubsub is not null)
        {
            await _pubsub.DisposeAsync();
        }

        if (_cloudBuild is not null)
        {
            await _cloudBuild.DisposeAsync();
        }

        if (_alerts is not null)
        {
            await _alerts.DisposeAsync();
        }

        if (_vertex is not null)
        {
            await _vertex.DisposeAsync();
        }

        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }

        if (_pubsubServer is { HasExited: false })
        {
            _pubsubServer.Kill(entireProcessTree: true);
        }

        _pubsubServer?.Dispose();
    }

    private async Task RunAsync(Action<string> report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Bucket);
        PubSubHost = _options.PubSubEmulatorHost ?? await StartPubSubServerAsync(cancellationToken);
        _pubsub = PubSubClient.Create(new PubSubClientSettings { ProjectId = _plan.Project, EmulatorHost = PubSubHost, ReadEmulatorVariable = false });
        foreach (var topic in _plan.Topics)
        {
            await _pubsub.Topics.CreateAsync(topic, cancellationToken);
        }

        foreach (var (subscription, topic) in _plan.Subscriptions)
        {
            await _pubsub.Subscriptions.CreateAsync(new PubSubSubscriptionSettings(subscription, topic) { AckDeadlineSeconds = _plan.AckDeadlineSeconds }, cancellationToken);
        }

        report($"Pub/Sub at {PubSubHost}: {_plan.Topics.Count} topics, {_plan.Subscriptions.Count} subscriptions (ack deadline {_plan.AckDeadlineSeconds} s) in project {_plan.Project}");
        Sink = new LogSink(_pubsub.Publisher, _plan.Project, _plan.Region, _plan.LogSinkTopic, _plan.LogSinkFilter);
        _issuer = await LocalIdentityIssuer.StartAsync(FreePort(), _plan.Services.ToDictionary(s => s.Name, s => s.ServiceAccount ?? $"{s.Name}@{_plan.Project}.iam.gserviceaccount.com"), cancellationToken);
        report($"identity: ID tokens from a local issuer at {_issuer.Url} in place of the metadata server and Google's keys");
        if (UsesVertex(_plan) is { } bucket)
        {
            await StartVertexAsync(bucket, cancellationToken);
            report($"Vertex AI and Cloud Monitoring: a stand-in at {_vertex!.Url} checking every request against Google's shapes{(_options.VertexPermissions is null ? "" : ", each service's account holding only its bootstrap roles")}; deployed models and custom jobs run as the built hosts");
        }

        if (GitOpsTrigger(_plan) is { } trigger)
        {
            await StartCloudBuildAsync(trigger, cancellationToken);
            report($"Cloud Build: a stand-in at {_cloudBuild!.Url} with trigger {trigger.Name} on {trigger.Branch}, checking every request against Google's shapes{(_options.CloudBuildPermissions is null ? "" : ", each service's account holding only its bootstrap roles")}; its builds run the deploy build's steps that can run here");
        }

        _trustedCertificates = TrustedCertificates();

        // A service whose host is not in this repository yet (a service being added) is left out, and said so.
        var rehearsed = _plan.Services.Where(m => File.Exists(HostProject(m.Name))).ToList();
        foreach (var missing in _plan.Services.Except(rehearsed))
        {
            report($"{missing.Name}: not rehearsed: its host project {Path.GetRelativePath(_options.RepositoryRoot, HostProject(missing.Name))} is not in this repository");
        }

        // Every front first, so each service's URL is known before any instance reads it.
        foreach (var manifest in rehearsed)
        {
            var revision = $"{manifest.Name}-00001-rhs";
            _services[manifest.Name] = await LocalService.CreateAsync(manifest, revision, FreePort(), n => Launch(manifest, revision, n), Iap(manifest));
            if (manifest.Iap)
            {
                report($"{manifest.Name}: behind IAP: its front lets every request through signed in as {OperatorAccount} ({IapHeaders.Assertion}, ES256 from the local issuer)");
            }
        }

        var environments = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var manifest in rehearsed)
        {
            environments[manifest.Name] = await EnvironmentOfAsync(manifest, cancellationToken);
        }

        _environments = environments;
        await SaveSecretsAsync(cancellationToken);
        await Task.WhenAll(rehearsed.Select(async manifest =>
        {
            var service = _services[manifest.Name];
            var count = Instances(manifest);
            for (var i = 0; i < count; i++)
            {
                var instance = await service.StartInstanceAsync(cancellationToken);
                report($"{manifest.Name}: instance {instance.Name} passed its startup probe{(manifest.StartupProbe is { } p ? $" ({p.Path})" : "")}; front {service.Url}");
            }
        }));
    }

    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _environments = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Instances to keep: the manifest's minimum (at least one, as a first request would start), within its maximum and this machine's cap.</summary>
    public int Instances(ServiceManifest manifest) => Math.Max(1, Math.Min(Math.Min(manifest.MinScale, manifest.MaxScale), _options.MaxInstancesPerService));

    /// <summary>The variables that switch a Vertex AI feature on, and the value that does.</summary>
    private static readonly (string Variable, string Value)[] VertexSwitches =
        [("Registry__Vertex__Mirror", "true"), ("Deployer__Target", "VertexEndpoint"), ("Trainer__Backend", "CustomJob")];

    // The environment's bucket when any service turns a Vertex AI feature on.
    private static string? UsesVertex(RehearsalPlan plan) =>
        plan.Services.Any(s => s.Env.Any(e => VertexSwitches.Any(v => v.Variable == e.Name && string.Equals(v.Value, e.Value, StringComparison.OrdinalIgnoreCase))))
            ? plan.Services.SelectMany(s => s.Env).FirstOrDefault(e => e.Name == "MlOps__Google__Bucket")?.Value
                ?? throw new InvalidOperationException("a Vertex AI feature is on but no service has MlOps__Google__Bucket")
            : null;

    private async Task StartVertexAsync(string bucket, CancellationToken cancellationToken)
    {
        var accounts = _plan.Services.ToDictionary(s => s.Name, s => s.ServiceAccount ?? $"{s.Name}@{_plan.Project}.iam.gserviceaccount.com");
        Dictionary<string, IReadOnlySet<string>>? permissions = null;
        if (_options.VertexPermissions is { } granted)
        {
            permissions = granted.ToDictionary(g => "serviceAccount:" + accounts[g.Key], g => g.Value);
            permissions["user:" + TrafficAccount] = new HashSet<string>(StringComparer.Ordinal) { "aiplatform.endpoints.predict" };
        }

        VertexContainers = new RehearsalContainers(bucket, Bucket, _options.WorkFolder, HostDll, Sink);
        _vertex = await VertexAiStandIn.StartAsync(new VertexAiStandInOptions
        {
            Project = _plan.Project,
            Location = _plan.Region,
            Principal = _issuer!.PrincipalOf,
            Permissions = permissions,
            Containers = VertexContainers,
            WorkFolder = Path.Combine(_options.WorkFolder, "vertex"),
        }, cancellationToken);
        PredictToken = _issuer.AccessToken(TrafficAccount);
    }

    // The deploy trigger a gitops deployer runs, when the environment's deployer rolls out that way.
    private static StandInTrigger? GitOpsTrigger(RehearsalPlan plan)
    {
        var deployer = plan.Services.SelectMany(s => s.Env).ToList();
        return deployer.Any(e => e.Name == "Deployer__Strategy" && string.Equals(e.Value, "gitops", StringComparison.OrdinalIgnoreCase))
            && deployer.FirstOrDefault(e => e.Name == "Deployer__GitOps__Trigger")?.Value is { } name
            && deployer.FirstOrDefault(e => e.Name == "Deployer__GitOps__Branch")?.Value is { } branch
                ? new StandInTrigger($"{Guid.NewGuid():D}", name, branch)
                : null;
    }

    private async Task StartCloudBuildAsync(StandInTrigger trigger, CancellationToken cancellationToken)
    {
        var runner = _options.DeployBuild ?? throw new InvalidOperationException($"the deployer rolls out through {trigger.Name}, but the rehearsal was given no deploy build to run (RehearsalOptions.DeployBuild)");
        var accounts = _plan.Services.ToDictionary(s => s.Name, s => s.ServiceAccount ?? $"{s.Name}@{_plan.Project}.iam.gserviceaccount.com");
        _cloudBuild = await CloudBuildStandIn.StartAsync(new CloudBuildStandInOptions
        {
            Project = _plan.Project,
            Location = _plan.Region,
            Principal = _issuer!.PrincipalOf,
            Permissions = _options.CloudBuildPermissions?.ToDictionary(g => "serviceAccount:" + accounts[g.Key], g => g.Value),
            Triggers = [trigger],
            Runner = runner,
            WorkFolder = Path.Combine(_options.WorkFolder, "cloud-build"),
        }, cancellationToken);
    }

    // One PEM file of every stand-in's certificate, which the services trust as Google's endpoints.
    private string? TrustedCertificates()
    {
        var pems = new[] { _vertex?.CertificatePath, _cloudBuild?.CertificatePath }.OfType<string>().ToList();
        if (pems.Count == 0)
        {
            return null;
        }

        var bundle = Path.Combine(_options.WorkFolder, "stand-in-certificates.pem");
        File.WriteAllText(bundle, string.Concat(pems.Select(File.ReadAllText)));
        return bundle;
    }

    /// <summary>
    /// What IAP adds to every request to a service it guards: the person's assertion, signed for the audience the
    /// service checks (the rendered <c>Console:Iap:Audience</c>; that it is the one IAP signs for is validation's to say).
    /// </summary>
    private IapHeaders? Iap(ServiceManifest manifest)
    {
        if (!manifest.Iap)
        {
            return null;
        }

        var audience = manifest.Env.FirstOrDefault(e => e.Name == IapAudienceVariable)?.Value ?? $"/projects/0/locations/{_plan.Region}/services/{manifest.Name}";
        return new IapHeaders(OperatorAccount, LocalIdentityIssuer.UserIdOf(OperatorAccount), () => _issuer!.SignIap(OperatorAccount, audience));
    }

    private const string IapAudienceVariable = "Console__Iap__Audience";

    private string HostProject(string service)
    {
        var host = HostName(service);
        return Path.Combine(_options.RepositoryRoot, "services", $"{host}.Host", $"MlOps.{host}.Host.csproj");
    }

    private string HostDll(string service)
    {
        var host = HostName(service);
        var dll = Path.Combine(_options.RepositoryRoot, "services", $"{host}.Host", "bin", _options.Configuration, "net10.0", $"MlOps.{host}.Host.dll");
        return File.Exists(dll)
            ? Path.GetFullPath(dll)
            : throw new InvalidOperationException($"{dll} is missing: build the solution first (dotnet build MlOps.slnx -c {_options.Configuration})");
    }

    private ReplicaProcess Launch(ServiceManifest manifest, string revision, int number)
    {
        var dll = HostDll(manifest.Name);

        var instance = $"{manifest.Name}-{number}";
        var folder = Path.Combine(_options.WorkFolder, "instances", instance);
        Directory.CreateDirectory(folder);
        var environment = new Dictionary<string, string>(_environments[manifest.Name], StringComparer.Ordinal)
        {
            ["K_SERVICE"] = manifest.Name,
            ["K_REVISION"] = revision,
            ["K_CONFIGURATION"] = manifest.Name,
        };
        var log = Path.Combine(_options.WorkFolder, "logs", $"{instance}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        return ReplicaProcess.Start(instance, dll, FreePort(), environment, folder, (replica, line) =>
        {
            lock (writer)
            {
                writer.WriteLine(line);
            }

            Sink?.Write(manifest.Name, revision, replica.Name, line);
        });
    }

    // The manifest's variables as Cloud Run would set them, with what stands in for Google Cloud here.
    private async Task<IReadOnlyDictionary<string, string>> EnvironmentOfAsync(ServiceManifest manifest, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in manifest.Env)
        {
            // No collector sidecar runs here: telemetry stays in the process.
            if (variable.Name == "OTEL_EXPORTER_OTLP_ENDPOINT")
            {
                continue;
            }

            environment[variable.Name] = variable.Secret is { } secret
                ? await SecretAsync(secret, variable.Name, cancellationToken)
                : Local(manifest, variable.Value ?? "");
        }

        // ID tokens: the local issuer is each service's metadata server, and the issuer callees trust.
        environment["MlOps__Identity__MetadataUrl"] = _issuer!.MetadataUrlFor(manifest.Name);
        if (environment.ContainsKey("MlOps__Identity__Audience"))
        {
            environment["MlOps__Identity__Issuer"] = _issuer.Url;
        }

        // Behind IAP: the front's assertions are checked with the local issuer's keys, not Google's.
        if (manifest.Iap)
        {
            environment["Console__Iap__KeysUrl"] = _issuer.IapKeysUrl;
            environment["Console__Iap__Issuer"] = _issuer.IapIssuer;
        }

        // Google's APIs: the stand-ins, trusted by their certificates, with access tokens from the local metadata server.
        if (environment.ContainsKey("MlOps__Google__Project") && _trustedCertificates is not null)
        {
            if (_vertex is not null)
            {
                environment["MlOps__Google__VertexUrl"] = _vertex.Url.ToString();
                environment["MlOps__Google__MonitoringUrl"] = _vertex.Url.ToString();
            }

            if (_cloudBuild is not null)
            {
                environment["MlOps__Google__CloudBuildUrl"] = _cloudBuild.Url.ToString();
            }

            environment["MlOps__Google__TrustedCertificate"] = _trustedCertificates;
            environment["MlOps__Google__TokenUrl"] = _issuer.TokenUrlFor(manifest.Name);
        }

        await ReceiveAlertsAsync(environment, cancellationToken);
        // Only a service on the bus (the console is not) is pointed at the Pub/Sub server.
        if (environment.ContainsKey("MlOps__Transport"))
        {
            environment["MlOps__PubSub__EmulatorHost"] = PubSubHost;
            environment[PubSubClientSettings.EmulatorHostVariable] = PubSubHost;
        }

        return environment;
    }

    // Each alert webhook delivers to a local receiver that checks its signature with the webhook's secret, not to the URL on Google Cloud.
    private async Task ReceiveAlertsAsync(Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        foreach (var match in environment.Keys.Select(k => AlertWebhookUrl().Match(k)).Where(m => m.Success).ToList())
        {
            _alerts ??= await AlertReceiver.StartAsync(cancellationToken);
            var name = match.Groups["name"].Value;
            var secret = environment.GetValueOrDefault($"DriftWatcher__Alerts__Webhooks__{name}__Secret")
                ?? throw new InvalidOperationException($"alert webhook {name} has no DriftWatcher__Alerts__Webhooks__{name}__Secret");
            environment[match.Value] = _alerts.Register(name, secret);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^DriftWatcher__Alerts__Webhooks__(?<name>[a-z0-9_]+)__Url$")]
    private static partial System.Text.RegularExpressions.Regex AlertWebhookUrl();

    // The bucket's mount path becomes the local folder; another service's Cloud Run URL becomes its front.
    private string Local(ServiceManifest manifest, string value)
    {
        if (manifest.MountPath is { } mount && (value == mount || value.StartsWith(mount + "/", StringComparison.Ordinal) || value.Contains("=" + mount + "/", StringComparison.Ordinal)))
        {
            return value.Replace(mount, Bucket, StringComparison.Ordinal);
        }

        return RunAppUrl().Match(value) is { Success: true } url && _services.TryGetValue(url.Groups["service"].Value, out var target)
            ? target.Url
            : value;
    }

    private async Task<string> SecretAsync(string secret, string variable, CancellationToken cancellationToken)
    {
        if (_secrets.TryGetValue(secret, out var known))
        {
            return known;
        }

        if (_options.Secrets.TryGetValue(secret, out var given))
        {
            return _secrets[secret] = given;
        }

        if (variable.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
        {
            var admin = _options.Postgres ?? throw new InvalidOperationException($"{variable} comes from the secret '{secret}' (a Cloud SQL database): give a PostgreSQL server to stand in for Cloud SQL, or the secret's value in the secrets file");
            return _secrets[secret] = await CreateDatabaseAsync(admin, $"rehearsal_{_plan.Environment}_{secret}".Replace('-', '_'), cancellationToken);
        }

        return _secrets[secret] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
    }

    private static async Task<string> CreateDatabaseAsync(string admin, string name, CancellationToken cancellationToken)
    {
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private async Task SaveSecretsAsync(CancellationToken cancellationToken)
    {
        var file = Path.Combine(_options.WorkFolder, "secrets.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(_secrets, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private async Task<string> StartPubSubServerAsync(CancellationToken cancellationToken)
    {
        const string Ready = "pubsub-server listening on ";
        var binary = Path.Combine(_options.RepositoryRoot, ".tools", "pubsub-server");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"the Pub/Sub test server is missing at {binary}: run scripts/build-pubsub-server.sh, or give an emulator");
        }

        _pubsubServer = Process.Start(new ProcessStartInfo(binary, ["-host", "127.0.0.1:0", "-exit-with-stdin"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"could not start {binary}");
        var line = await _pubsubServer.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return line is not null && line.StartsWith(Ready, StringComparison.Ordinal)
            ? line[Ready.Length..].Trim()
            : throw new InvalidOperationException($"{binary} did not start: {line}");
    }

    /// <summary>The host project of a Cloud Run service: <c>drift-watcher</c> → <c>DriftWatcher</c>.</summary>
    public static string HostName(string service) =>
        string.Concat(service.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^https://(?<service>[a-z][a-z0-9-]*?)-\d+\.[a-z0-9-]+\.run\.app/?$")]
    private static partial Regex RunAppUrl();
}
