namespace MlOps.WebConsole.Tests.Browser;

/// <summary>One rule axe found broken, with every element that breaks it.</summary>
internal sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<AxeViolation.Node> Nodes)
{
    /// <summary>An element, by its CSS path (through shadow roots) and its markup.</summary>
    public sealed record Node(string Target, string Html);
}
