namespace MlOps.Contracts.Api;

/// <summary>
/// The gate's auditable record for one challenger: both AUCs on the same holdout, the policy and the verdict;
/// <paramref name="Challenger"/> and <paramref name="Champion"/> are both models' full metrics on that holdout,
/// as the gate saw them (no champion for a first version or one not evaluated).
/// </summary>
public sealed record DecisionView(
    int Version,
    bool Promoted,
    string Reason,
    double ChallengerAuc,
    double? ChampionAuc,
    int? ChampionVersion,
    GatePolicyView Policy,
    DateTime DecidedAt,
    ModelMetrics? Challenger = null,
    ModelMetrics? Champion = null);
