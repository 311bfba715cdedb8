namespace MlOps.Registry.Model;

public sealed class RegisteredModel
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<ModelVersion> Versions { get; set; } = [];

    public List<ModelAlias> Aliases { get; set; } = [];

    /// <summary>The last alias change mirrored into Vertex AI's version aliases.</summary>
    public int VertexAliasesThrough { get; set; }
}
