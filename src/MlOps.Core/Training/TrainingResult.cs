using MlOps.Core.Data;
using MlOps.Core.Packaging;

namespace MlOps.Core.Training;

/// <summary>The package and the holdout it was evaluated on, so another model can be judged on the same rows.</summary>
public sealed record TrainingResult(ModelPackage Package, Dataset Holdout, float[] HoldoutProbabilities);
