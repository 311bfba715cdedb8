namespace MlOps.AppHost.Tests;

/// <summary>One <c>builder.Add…("name")</c> in the AppHost: the variable it is kept in, and its fluent chain up to the <c>;</c>.</summary>
internal sealed record AppHostResource(string Name, string? Variable, string? ProjectType, string Chain)
{
    public bool References(AppHostResource other) =>
        other.Variable is not null && Chain.Contains($".WithReference({other.Variable})", StringComparison.Ordinal);

    public bool WaitsFor(AppHostResource other) =>
        other.Variable is not null && Chain.Contains($".WaitFor({other.Variable})", StringComparison.Ordinal);
}
