namespace MlOps.Contracts;

/// <summary>The champion/challenger gate's decision and the numbers behind it.</summary>
public sealed record GateVerdict(
    bool Promoted,
    string Reason,
    double ChallengerAuc,
    double? ChampionAuc,
    int? ChampionVersion,
    double MinimumAuc,
    double MinimumImprovement);
