namespace MlOps.Contracts.Api;

/// <summary>
/// One bucket's share (0 to 1) of the training baseline and of the current window: the newest closed one, or the open
/// one while none has closed. Each column sums to 1 over a feature's bins (to 0 while no value is counted).
/// </summary>
public sealed record HistogramBin(string Label, double Baseline, double Current);
