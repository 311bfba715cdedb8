namespace MlOps.GitOps;

/// <summary>An environment that cannot be used; <see cref="Problems"/> lists every reason.</summary>
public sealed class EnvironmentException(IReadOnlyList<EnvironmentProblem> problems)
    : Exception(problems.Count == 1 ? problems[0].ToString() : $"{problems[0]} (and {problems.Count - 1} more problem(s))")
{
    public IReadOnlyList<EnvironmentProblem> Problems { get; } = problems;

    public EnvironmentException(EnvironmentProblem problem)
        : this([problem])
    {
    }
}
