namespace MlOps.Registry.Model;

/// <summary>A named pointer to a version: <c>champion</c> (promoted) and <c>serving</c> (all traffic).</summary>
public sealed class ModelAlias
{
    public const string Champion = "champion";
    public const string Serving = "serving";

    public int Id { get; set; }

    public int ModelId { get; set; }

    public required string Name { get; set; }

    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }
}
