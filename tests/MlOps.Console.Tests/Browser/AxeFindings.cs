namespace MlOps.WebConsole.Tests.Browser;

/// <summary>One axe scan: the rules broken, and those axe could not decide on its own.</summary>
internal sealed record AxeFindings(IReadOnlyList<AxeViolation> Violations, IReadOnlyList<AxeViolation> Incomplete);
