namespace MlOps.Core.Validation;

public enum CellStatus
{
    Ok,
    Missing,
    NotANumber,
    NotFinite,
    OutOfRange,
    OutOfVocabulary,
}
