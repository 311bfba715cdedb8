using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>Files a problem against the file and line where the key was written, or the overlay when it was not written anywhere.</summary>
internal sealed class ProblemReporter(EnvironmentSpec spec)
{
    public List<EnvironmentProblem> Problems { get; } = [];

    public EnvironmentSpec Spec => spec;

    public void Add(string path, string message)
    {
        Problems.Add(spec.Sources.TryGetValue(path, out var source)
            ? new EnvironmentProblem(source.File, source.Line, path, message)
            : new EnvironmentProblem(spec.Files.Overlay, null, path, message));
    }
}
