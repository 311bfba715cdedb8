namespace MlOps.Core.Training;

public enum TrainerKind
{
    FastTree,
    LightGbm,
    Sdca,
}
