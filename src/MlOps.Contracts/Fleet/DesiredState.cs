namespace MlOps.Contracts.Fleet;

/// <summary>
/// What every Predictor replica should serve, as the Deployer owns it: one split per model. The
/// revision grows with every change anywhere in the fleet; each model's generation with every change
/// to that model, so counters kept per generation measure exactly one split.
/// </summary>
public sealed record DesiredState(long Revision, IReadOnlyList<ModelSplit> Models)
{
    public static DesiredState Empty { get; } = new(0, []);
}
