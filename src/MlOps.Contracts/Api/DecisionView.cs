namespace MlOps.Contracts.Api;

/// <summary>The gate's auditable record for one challenger: both AUCs on the same holdout, the policy and the verdict.</summary>
public sealed record DecisionView(int Version, bool Promoted, string Reason, double ChallengerAuc, double? ChampionAuc, int? ChampionVersion, GatePolicyView Policy, DateTime DecidedAt);
