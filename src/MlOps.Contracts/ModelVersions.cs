namespace MlOps.Contracts;

/// <summary>The rule for version numbers at every entry point: the Registry numbers a model's versions 1, 2, 3…</summary>
public static class ModelVersions
{
    public const string Rule = "must be a positive version number";

    /// <summary>Why <paramref name="version"/> is not a version number, or null when it is one.</summary>
    public static string? Problem(int version) => version > 0 ? null : $"{version} {Rule}";
}
