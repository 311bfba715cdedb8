namespace MlOps.Registry.Vertex;

/// <summary>How Vertex AI reaches the Predictor image it serves a mirrored version with (the container's AIP_* contract).</summary>
public static class ServingRoutes
{
    public const string Predict = "/predict";

    /// <summary>The Predictor's startup check: the model is downloaded, loaded and verified.</summary>
    public const string Health = "/started";

    public const int Port = 8080;
}
