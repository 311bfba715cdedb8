namespace MlOps.Core.Packaging;

/// <summary>A model package is missing, incomplete or does not reproduce its own evaluation.</summary>
public sealed class PackageException(string message, Exception? inner = null) : Exception(message, inner);
