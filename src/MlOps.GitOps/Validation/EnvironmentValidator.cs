using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>Checks an environment against what Google Cloud accepts and what the services read; each problem names file, key and reason.</summary>
public static class EnvironmentValidator
{
    /// <summary>The one environment that may run images by mutable tag and secrets at <c>latest</c>.</summary>
    public const string Development = "dev";

    public static IReadOnlyList<EnvironmentProblem> Validate(EnvironmentSpec spec)
    {
        var report = new ProblemReporter(spec);
        EnvironmentRules.Check(report);
        PubSubRules.Check(report);
        foreach (var service in spec.Services)
        {
            ServiceRules.Check(report, service);
            SettingRules.Check(report, service);
            IdentityRules.Check(report, service);
            DatabaseRules.Check(report, service);
        }

        ServiceRules.CheckAcrossServices(report);
        SettingRules.CheckAcrossSettings(report);
        CallRules.Check(report);
        ConsoleRules.Check(report);
        VertexRules.Check(report);
        return report.Problems;
    }
}
