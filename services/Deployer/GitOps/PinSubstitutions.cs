using System.Globalization;
using MlOps.Contracts;
using MlOps.Deployer.Model;

namespace MlOps.Deployer.GitOps;

/// <summary>The substitutions of the deploy build that pins <see cref="Deployment"/>'s version (see <see cref="DeployBuildSubstitutions"/>).</summary>
public static class PinSubstitutions
{
    public static IReadOnlyDictionary<string, string> Of(Deployment deployment) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DeployBuildSubstitutions.Model] = deployment.Model,
        [DeployBuildSubstitutions.Version] = deployment.Version.ToString(CultureInfo.InvariantCulture),
        [DeployBuildSubstitutions.PackageUri] = deployment.PackageUri,
        [DeployBuildSubstitutions.DeploymentId] = deployment.Id.ToString("D"),
    };
}
