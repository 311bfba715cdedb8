using MlOps.Contracts;

namespace MlOps.Registry.Gate;

/// <summary>
/// Decides whether a challenger replaces the champion: its AUC must reach the minimum and, when a
/// champion exists, beat the champion's AUC on the challenger's own holdout by the minimum gain.
/// </summary>
public static class ChampionChallengerGate
{
    public static GateVerdict Decide(ModelTrained challenger, int? championVersion, GatePolicy policy)
    {
        var auc = challenger.Metrics.Auc;
        var evaluated = challenger.Champion;
        GateVerdict Verdict(bool promoted, string reason) =>
            new(promoted, reason, auc, evaluated?.Metrics.Auc, championVersion, policy.MinimumAuc, policy.MinimumImprovement);

        if (auc < policy.MinimumAuc)
        {
            return Verdict(false, $"AUC {auc:F4} is below the minimum {policy.MinimumAuc:F4}");
        }

        if (championVersion is null)
        {
            return Verdict(true, $"first version; AUC {auc:F4} reaches the minimum {policy.MinimumAuc:F4}");
        }

        if (evaluated is null)
        {
            return Verdict(false, $"champion v{championVersion} was not evaluated on the challenger's holdout, so the two cannot be compared");
        }

        if (evaluated.Version != championVersion)
        {
            return Verdict(false, $"compared with v{evaluated.Version}, but the champion is v{championVersion}");
        }

        var gain = auc - evaluated.Metrics.Auc;
        return gain >= policy.MinimumImprovement
            ? Verdict(true, $"beats champion v{championVersion} by {gain:+0.0000} AUC on the same holdout ({auc:F4} vs {evaluated.Metrics.Auc:F4})")
            : Verdict(false, $"gains {gain:+0.0000;-0.0000} AUC over champion v{championVersion} ({auc:F4} vs {evaluated.Metrics.Auc:F4}), less than the required {policy.MinimumImprovement:+0.0000}");
    }
}
