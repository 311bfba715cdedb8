namespace MlOps.Contracts;

/// <summary>The kinds of feature a schema declares, as the HTTP APIs write them.</summary>
public static class FeatureKinds
{
    public const string Numeric = "numeric";

    public const string Categorical = "categorical";
}
