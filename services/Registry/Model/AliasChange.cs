namespace MlOps.Registry.Model;

/// <summary>The audit trail of alias moves.</summary>
public sealed class AliasChange
{
    public int Id { get; set; }

    public int ModelId { get; set; }

    public required string Alias { get; set; }

    public int? FromVersion { get; set; }

    public int? ToVersion { get; set; }

    public required string Reason { get; set; }

    public DateTime ChangedAt { get; set; }
}
