namespace MlOps.Core.Schema;

public enum FeatureKind
{
    Numeric,
    Categorical,
}
