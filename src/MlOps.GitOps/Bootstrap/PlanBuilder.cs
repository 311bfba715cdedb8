namespace MlOps.GitOps.Bootstrap;

/// <summary>A plan as the planner writes it: the steps in order, the APIs they enable and every role they grant.</summary>
internal sealed class PlanBuilder
{
    public List<BootstrapStep> Steps { get; } = [];

    public List<string> Apis { get; } = [];

    public List<AccessGrant> Grants { get; } = [];

    public void Add(BootstrapStep step) => Steps.Add(step);

    /// <summary>Adds the step that grants <paramref name="grant"/>, so the plan's summary lists each role once per step that grants it.</summary>
    public void Grant(AccessGrant grant, BootstrapStep step)
    {
        Grants.Add(grant);
        Steps.Add(step);
    }

    public void Grant((AccessGrant Grant, BootstrapStep Step) binding) => Grant(binding.Grant, binding.Step);
}
