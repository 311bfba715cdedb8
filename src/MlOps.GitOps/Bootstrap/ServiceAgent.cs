using MlOps.GitOps.Model;
using static MlOps.GitOps.Bootstrap.Shell;

namespace MlOps.GitOps.Bootstrap;

/// <summary>A Google-managed service agent of the environment's project; its email holds the project number, which a step looks up as it runs.</summary>
internal sealed record ServiceAgent(string Domain)
{
    /// <summary>Pulls the images of every Cloud Run revision.</summary>
    public static ServiceAgent CloudRun { get; } = new("serverless-robot-prod");

    /// <summary>Copies a model's artifacts when it is uploaded and pulls the images Vertex AI runs.</summary>
    public static ServiceAgent VertexAi { get; } = new("gcp-sa-aiplatform");

    public string Display => $"service-<project number>@{Domain}.iam.gserviceaccount.com";

    public string Member(EnvironmentSpec spec) =>
        $"serviceAccount:service-$(gcloud projects describe {Quote(spec.Project)} --format='value(projectNumber)')@{Domain}.iam.gserviceaccount.com";
}
