using System.Text.RegularExpressions;
using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>
/// Who calls whom, read from the service-discovery URLs the callers are given (Predictor replicas → Deployer, the
/// console → the four it reads): one fact, from which validation checks the tokens and the deploy build grants each
/// caller's account <c>roles/run.invoker</c> on the service it calls.
/// </summary>
public static partial class ServiceCalls
{
    public static IReadOnlyList<ServiceCall> Of(EnvironmentSpec spec) =>
    [
        .. from caller in spec.Services
           from setting in caller.Settings
           let match = Discovery().Match(setting.Key)
           where match.Success
           select new ServiceCall(caller, match.Groups["service"].Value, setting),
    ];

    /// <summary>The key that gives a caller <paramref name="callee"/>'s URL.</summary>
    public static string UrlKey(string callee) => $"services:{callee}:http:0";

    [GeneratedRegex("^services:(?<service>[a-z][a-z0-9-]*):http:0$")]
    private static partial Regex Discovery();
}
