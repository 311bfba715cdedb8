namespace MlOps.Core.Training;

/// <summary>Training could not run on the given data or options; the message says why.</summary>
public sealed class TrainingException(string message, Exception? inner = null) : Exception(message, inner);
