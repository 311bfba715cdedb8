namespace MlOps.GitOps.Model;

/// <summary>The Cloud Logging sink that routes the Predictor's prediction log entries to a Pub/Sub topic.</summary>
public sealed record LogSinkSpec(string Name, string Topic);
