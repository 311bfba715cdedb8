using MlOps.GitOps.Model;
using MlOps.GitOps.Validation;

namespace MlOps.GitOps.Rendering;

/// <summary>
/// <c>environment.env</c>, which the deploy build sources: the project to check, the region, the services to replace,
/// the public ones to open to allUsers, each service's image (service=image) to resolve to a digest, who may invoke
/// each private service (service=member, for roles/run.invoker), and the services behind Identity-Aware Proxy with who
/// may pass it (service=member, for roles/iap.httpsResourceAccessor). IAM needs the services to exist, so the deploy
/// build grants it after <c>services replace</c>, not bootstrap.
/// </summary>
public static class DeployEnvironmentFile
{
    public const string FileName = "environment.env";

    public static string Write(EnvironmentSpec spec, IReadOnlyList<RenderedService> services) =>
        $"MLOPS_ENVIRONMENT={spec.Name}\n"
        + $"MLOPS_PROJECT={spec.Project}\n"
        + $"MLOPS_REGION={spec.Region}\n"
        + $"MLOPS_SERVICES=\"{string.Join(' ', services.Select(s => s.Name))}\"\n"
        + $"MLOPS_PUBLIC_SERVICES=\"{string.Join(' ', services.Where(s => s.Public).Select(s => s.Name))}\"\n"
        + $"MLOPS_IMAGES=\"{string.Join(' ', services.Select(s => $"{s.Name}={s.Image}"))}\"\n"
        + $"MLOPS_INVOKERS=\"{string.Join(' ', Invokers(spec))}\"\n"
        + $"MLOPS_IAP_SERVICES=\"{string.Join(' ', services.Where(s => s.Iap).Select(s => s.Name))}\"\n"
        + $"MLOPS_IAP_ACCESS=\"{string.Join(' ', spec.Services.SelectMany(s => (s.Iap?.Access ?? []).Select(member => $"{s.Name}={member}")))}\"\n";

    /// <summary><c>callee=serviceAccount:caller</c> for every call one service makes to another, each pair once.</summary>
    public static IReadOnlyList<string> Invokers(EnvironmentSpec spec) =>
    [
        .. ServiceCalls.Of(spec)
            .Select(call => $"{call.Callee}=serviceAccount:{ServiceRenderer.ServiceAccountEmail(spec, call.Caller.ServiceAccount)}")
            .Distinct(),
    ];
}
