namespace MlOps.Contracts.Api;

public sealed record GatePolicyView(double MinimumAuc, double MinimumImprovement);
