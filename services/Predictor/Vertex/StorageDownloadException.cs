namespace MlOps.Predictor.Vertex;

/// <summary>A gs:// folder could not be copied: listing or downloading failed, it was empty, or an object name was refused.</summary>
public sealed class StorageDownloadException(string message, Exception? inner = null) : Exception(message, inner);
