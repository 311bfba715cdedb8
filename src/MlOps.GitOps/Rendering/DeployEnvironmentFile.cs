using MlOps.GitOps.Model;

namespace MlOps.GitOps.Rendering;

/// <summary>
/// <c>environment.env</c>, which the deploy build sources: the project to check, the region, the services to replace,
/// the public ones to open to allUsers, and each service's image (service=image) to resolve to a digest.
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
        + $"MLOPS_IMAGES=\"{string.Join(' ', services.Select(s => $"{s.Name}={s.Image}"))}\"\n";
}
