namespace MlOps.GitOps.Tests;

/// <summary>How one build step ended: exit code, output, and every gcloud call it made.</summary>
internal sealed record StepResult(int ExitCode, string Output, string Error, IReadOnlyList<string> Calls);
