namespace MlOps.Core.Scoring;

/// <summary>A problem with one field of one prediction instance.</summary>
public sealed record FieldError(int Instance, string Field, string Message)
{
    public override string ToString() => $"instances[{Instance}].{Field}: {Message}";
}
