using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.GoogleApis;
using MlOps.Platform.Net;
using MlOps.Rehearsal.Running;
using MlOps.Rehearsal.StandIns;

namespace MlOps.Services.Tests.Vertex;

/// <summary>
/// The Vertex AI stand-in over HTTPS with a local metadata server handing out access tokens, and the
/// settings a service needs to reach them as it would reach Google (its account's token, the
/// stand-in's certificate trusted, the stand-in as the Vertex AI and Monitoring root).
/// </summary>
internal sealed class VertexRig : IAsyncDisposable
{
    public const string Project = "acme-test";
    public const string Location = "europe-west1";
    public const string Bucket = "acme-test-artifacts";

    private VertexRig(LocalIdentityIssuer issuer, VertexAiStandIn standIn, Dictionary<string, HashSet<string>>? permissions)
    {
        Issuer = issuer;
        StandIn = standIn;
        Permissions = permissions;
    }

    public LocalIdentityIssuer Issuer { get; }

    public VertexAiStandIn StandIn { get; }

    /// <summary>Each account's permissions (by principal), when the rig checks them; the sets may be changed while it runs.</summary>
    public Dictionary<string, HashSet<string>>? Permissions { get; }

    public static string Account(string service) => $"mlops-{service}@{Project}.iam.gserviceaccount.com";

    public static async Task<VertexRig> StartAsync(IVertexContainers? containers = null, IReadOnlyDictionary<string, string[]>? permissions = null, TimeSpan? deploymentTimeout = null)
    {
        var accounts = new[] { "registry", "deployer", "trainer", "predictor", "client" }.ToDictionary(s => s, Account);
        var issuer = await LocalIdentityIssuer.StartAsync(LoopbackPort.Free(), accounts, CancellationToken.None);
        var granted = permissions?.ToDictionary(p => "serviceAccount:" + Account(p.Key), p => new HashSet<string>(p.Value, StringComparer.Ordinal));
        var standIn = await VertexAiStandIn.StartAsync(new VertexAiStandInOptions
        {
            Project = Project,
            Location = Location,
            Principal = issuer.PrincipalOf,
            Permissions = granted?.ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Value),
            Containers = containers,
            OperationDelay = TimeSpan.FromMilliseconds(150),
            DeploymentTimeout = deploymentTimeout ?? TimeSpan.FromSeconds(30),
        }, CancellationToken.None);
        return new VertexRig(issuer, standIn, granted);
    }

    /// <summary>What a service of <paramref name="service"/>'s account is configured with.</summary>
    public Dictionary<string, string?> Settings(string service) => new()
    {
        ["MlOps:Google:Project"] = Project,
        ["MlOps:Google:Location"] = Location,
        ["MlOps:Google:Bucket"] = Bucket,
        ["MlOps:Google:VertexUrl"] = StandIn.Url.ToString(),
        ["MlOps:Google:MonitoringUrl"] = StandIn.Url.ToString(),
        ["MlOps:Google:TrustedCertificate"] = StandIn.CertificatePath,
        ["MlOps:Google:TokenUrl"] = Issuer.TokenUrlFor(service),
        ["MlOps:Google:PollMilliseconds"] = "100",
    };

    /// <summary>The clients alone, as <paramref name="service"/>'s account.</summary>
    public IHost Clients(string service)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(service));
        builder.Logging.ClearProviders();
        builder.AddGoogleApis();
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        await StandIn.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
