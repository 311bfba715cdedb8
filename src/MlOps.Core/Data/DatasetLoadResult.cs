using MlOps.Core.Validation;

namespace MlOps.Core.Data;

/// <summary>The dataset (null when it is not valid or was not kept) and every problem found.</summary>
public sealed record DatasetLoadResult(Dataset? Dataset, ValidationReport Report, DatasetInfo Info);
