using System.Globalization;
using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>What the Vertex AI features need of each other and of the rollout strategy.</summary>
internal static class VertexRules
{
    public static void Check(ProblemReporter report)
    {
        var spec = report.Spec;
        var features = VertexFeatures.Of(spec);
        var deployer = spec.Service(ServiceNames.Deployer);
        var target = $"services.{ServiceNames.Deployer}.settings.{VertexFeatures.TargetKey}";
        if (features.Endpoint && SettingCatalog.Effective(deployer, "Deployer:Strategy") == "shadow")
        {
            report.Add(target, $"{VertexFeatures.VertexEndpoint} cannot run Deployer:Strategy shadow: a Vertex AI endpoint splits traffic between its deployed models but cannot mirror it; use canary or immediate, or Deployer:Target Fleet");
        }

        // The deployer may read and deploy Vertex AI models but not upload them: the registry's mirror does.
        if (features.Endpoint && !features.Mirror)
        {
            report.Add(target, $"{VertexFeatures.VertexEndpoint} deploys the models the registry mirrors into the Vertex AI Model Registry; set {VertexFeatures.MirrorKey}: true under services.{ServiceNames.Registry}.settings");
        }

        if (Int(SettingCatalog.Effective(deployer, "Deployer:Vertex:MinReplicas")) is { } min
            && Int(SettingCatalog.Effective(deployer, "Deployer:Vertex:MaxReplicas")) is { } max && max < min)
        {
            report.Add($"services.{ServiceNames.Deployer}.settings.Deployer:Vertex:MaxReplicas", $"{max} is less than Deployer:Vertex:MinReplicas ({min}); an endpoint cannot scale below its minimum");
        }
    }

    private static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}
