namespace MlOps.Registry.Vertex;

/// <summary>Bound from <c>Registry:Vertex</c>: the mirror of every registered version into the Vertex AI Model Registry.</summary>
public sealed class VertexMirrorOptions
{
    /// <summary>Mirror every version into Vertex AI (off by default: local runs have no Vertex AI).</summary>
    public bool Mirror { get; set; }

    /// <summary>The Predictor image Vertex AI serves a mirrored version with.</summary>
    public string? ServingImage { get; set; }
}
