using MlOps.GitOps.Model;

namespace MlOps.GitOps.Loading;

public sealed record EnvironmentCheck(string Name, EnvironmentSpec? Spec, IReadOnlyList<EnvironmentProblem> Problems)
{
    public bool IsValid => Spec is not null && Problems.Count == 0;
}
