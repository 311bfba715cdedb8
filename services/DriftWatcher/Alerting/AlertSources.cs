using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MlOps.Contracts;
using MlOps.Contracts.Api;

namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// The alert each source message makes. Its id is a hash of the kind and the message's own identity — the
/// drift alert's id, the rolled-back deployment, the failed training request, the rejected version, the endpoint and
/// the message it gave up on — so a redelivery of the message makes the same alert, never a second one.
/// </summary>
public static class AlertSources
{
    public static Alert ToAlert(this DriftDetected m)
    {
        var drifted = m.Features.Where(f => f.Drifted).OrderByDescending(f => f.Distance / f.Threshold).Take(3)
            .Select(f => Invariant($"{f.Feature} {f.Metric} {f.Distance:F3} > {f.Threshold:F3}"));
        var what = m.Kind switch
        {
            DriftKinds.Skew => "live inputs moved away from the training baseline",
            DriftKinds.Performance => "new labelled data scored clearly worse than the holdout",
            _ => "live inputs moved away from the previous window",
        };
        var summary = Invariant($"{m.Model} v{m.Version}: {m.Kind} over {m.SampleSize} samples ({string.Join(", ", drifted)}); {what}. Retraining was requested; check the upstream data if it recurs.");
        return Make(AlertKinds.Drift, m.AlertId.ToString("N"), m.Model, m.Version, summary, m.DetectedAt, m);
    }

    public static Alert ToAlert(this DeploymentRolledBack m)
    {
        var restored = m.RestoredVersion is { } v ? Invariant($"v{v} serves again") : "no version serves now";
        var summary = Invariant($"{m.Model} v{m.Version} was rolled back: {m.Reason}; {restored}. See /api/deployments for the rollout.");
        return Make(AlertKinds.Rollback, m.DeploymentId.ToString("N"), m.Model, m.Version, summary, m.RolledBackAt, m);
    }

    public static Alert ToAlert(this TrainingFailed m)
    {
        var model = m.Model.Length == 0 ? "(no model named)" : m.Model;
        var first = m.Errors.Count > 0 ? $"; first: {m.Errors[0]}" : "";
        var summary = Invariant($"training {model} (reason {m.Reason}) failed with {m.ErrorCount} error(s){first}. Fix the data or the request and train again.");
        return Make(AlertKinds.TrainingFailed, m.RequestId.ToString("N"), m.Model, null, summary, m.FailedAt, m);
    }

    public static Alert ToAlert(this ModelRejected m)
    {
        var champion = m.Verdict.ChampionVersion is { } v ? Invariant($", champion v{v} {m.Verdict.ChampionAuc:F4}") : "";
        var summary = Invariant($"{m.Model} v{m.Version} was rejected by the gate: {m.Verdict.Reason} (AUC {m.Verdict.ChallengerAuc:F4}{champion}). The champion keeps serving.");
        return Make(AlertKinds.GateRejected, Invariant($"{m.Model}/v{m.Version}"), m.Model, m.Version, summary, m.RejectedAt, m);
    }

    /// <summary>Its identity is the endpoint and the faulted message's id: one alert per message given up on, however often that is announced.</summary>
    public static Alert ToAlert(this MessageFaulted m)
    {
        var model = m.Model is { Length: > 0 } named ? $"{named}: " : "";
        var error = m.ExceptionMessage.Length <= 300 ? m.ExceptionMessage : m.ExceptionMessage[..300] + "…";
        var summary = Invariant($"{model}{m.MessageType} {m.MessageId} failed {m.Attempts} time(s) on {m.Endpoint} with {m.ExceptionType}: {error}. It is kept in {m.ErrorDestination} with the stack trace in its headers; fix the cause, then send it to {m.Endpoint} again.");
        return Make(AlertKinds.MessageFailed, $"{m.Endpoint}/{m.MessageId}", m.Model ?? "", null, summary, m.FaultedAt, m);
    }

    /// <summary>The alert id of a source identity: 32 hex digits of SHA-256 over kind and identity.</summary>
    public static string IdFor(string kind, string identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}/{identity}")))[..32];

    private static Alert Make<T>(string kind, string identity, string model, int? version, string summary, DateTimeOffset at, T source) =>
        new(IdFor(kind, identity), kind, model, version, summary, at, typeof(T).Name, JsonSerializer.SerializeToElement(source, ApiJson.Options));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
