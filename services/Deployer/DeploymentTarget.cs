namespace MlOps.Deployer;

/// <summary>Where the Deployer serves models (<c>Deployer:Target</c>).</summary>
public enum DeploymentTarget
{
    /// <summary>The Predictor fleet, following the Deployer's desired state.</summary>
    Fleet,

    /// <summary>A Vertex AI endpoint per model, its traffic split set through Vertex AI's API.</summary>
    VertexEndpoint,
}
