namespace MlOps.Core.Packaging;

public sealed record PackageVerification(bool Passed, int SamplesChecked, string? Problem);
