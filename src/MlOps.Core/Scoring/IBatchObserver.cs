namespace MlOps.Core.Scoring;

/// <summary>Sees every scored row of a batch run while its values are still in the engine, e.g. to sample prediction log entries.</summary>
public interface IBatchObserver
{
    public void Scored(ScoringEngine engine, float probability);
}
