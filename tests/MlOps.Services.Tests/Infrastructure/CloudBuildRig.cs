using MlOps.Platform.Net;
using MlOps.Rehearsal.Running;
using MlOps.Rehearsal.StandIns;
using MlOps.Rehearsal.StandIns.CloudBuild;

namespace MlOps.Services.Tests.Infrastructure;

/// <summary>
/// The Cloud Build stand-in over HTTPS with one trigger, a local metadata server handing one service's account its
/// access tokens, and the settings that service needs to reach Cloud Build as it would reach Google.
/// </summary>
internal sealed class CloudBuildRig : IAsyncDisposable
{
    public const string Project = "acme-test";
    public const string Location = "europe-west1";

    private CloudBuildRig(string service, LocalIdentityIssuer issuer, CloudBuildStandIn standIn)
    {
        Service = service;
        Issuer = issuer;
        StandIn = standIn;
    }

    public string Service { get; }

    public LocalIdentityIssuer Issuer { get; }

    public CloudBuildStandIn StandIn { get; }

    public static string Account(string service) => $"mlops-{service}@{Project}.iam.gserviceaccount.com";

    /// <summary>Starts the stand-in with <paramref name="trigger"/>, <paramref name="service"/>'s account holding <paramref name="permissions"/>.</summary>
    public static async Task<CloudBuildRig> StartAsync(string service, StandInTrigger trigger, IReadOnlySet<string> permissions, IBuildRunner? runner = null, TimeSpan? queueDelay = null)
    {
        var issuer = await LocalIdentityIssuer.StartAsync(LoopbackPort.Free(), new Dictionary<string, string> { [service] = Account(service) }, CancellationToken.None);
        var standIn = await CloudBuildStandIn.StartAsync(new CloudBuildStandInOptions
        {
            Project = Project,
            Location = Location,
            Principal = issuer.PrincipalOf,
            Permissions = new Dictionary<string, IReadOnlySet<string>> { ["serviceAccount:" + Account(service)] = permissions },
            Triggers = [trigger],
            Runner = runner,
            QueueDelay = queueDelay ?? TimeSpan.FromMilliseconds(100),
        }, CancellationToken.None);
        return new CloudBuildRig(service, issuer, standIn);
    }

    /// <summary>What the service is configured with to call Cloud Build: the stand-in as its root, trusted, with its account's tokens.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["MlOps:Google:Project"] = Project,
        ["MlOps:Google:Location"] = Location,
        ["MlOps:Google:CloudBuildUrl"] = StandIn.Url.ToString(),
        ["MlOps:Google:TrustedCertificate"] = StandIn.CertificatePath,
        ["MlOps:Google:TokenUrl"] = Issuer.TokenUrlFor(Service),
        ["MlOps:Google:PollMilliseconds"] = "100",
    };

    public async ValueTask DisposeAsync()
    {
        await StandIn.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
