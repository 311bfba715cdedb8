namespace MlOps.Rehearsal.Manifests;

/// <summary>An HTTP probe with Cloud Run's timings: checked every <paramref name="PeriodSeconds"/>, failed after <paramref name="FailureThreshold"/> misses.</summary>
public sealed record ProbeSpec(string Path, int PeriodSeconds, int TimeoutSeconds, int FailureThreshold, int InitialDelaySeconds);
