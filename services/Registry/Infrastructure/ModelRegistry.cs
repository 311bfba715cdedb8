using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Registry.Gate;
using MlOps.Registry.Model;

namespace MlOps.Registry.Infrastructure;

/// <summary>The registry's rules over its database: versions, the gate, aliases and their history.</summary>
public sealed class ModelRegistry(RegistryDbContext db, IOptions<RegistryOptions> options, TimeProvider time)
{
    /// <summary>
    /// Records a trained challenger as the next version and runs the gate. A run already recorded
    /// (a redelivered message) returns its original registration and decision unchanged.
    /// </summary>
    public async Task<Registration> RegisterAsync(ModelTrained trained, CancellationToken cancellationToken)
    {
        var model = await db.Models.Include(m => m.Aliases).SingleOrDefaultAsync(m => m.Name == trained.Model, cancellationToken);
        if (model is null)
        {
            model = new RegisteredModel { Name = trained.Model, CreatedAt = Now };
            db.Models.Add(model);
            await db.SaveChangesAsync(cancellationToken);
        }

        var existing = await db.Versions.SingleOrDefaultAsync(v => v.ModelId == model.Id && v.RequestId == trained.RequestId, cancellationToken);
        if (existing is not null)
        {
            var decision = await db.Decisions.SingleAsync(d => d.ModelId == model.Id && d.Version == existing.Version, cancellationToken);
            return new Registration(Registered(model, existing), Outcome(model, existing, decision), Duplicate: true);
        }

        var champion = model.Aliases.SingleOrDefault(a => a.Name == ModelAlias.Champion);
        var next = (await db.Versions.Where(v => v.ModelId == model.Id).MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0) + 1;
        var verdict = ChampionChallengerGate.Decide(trained, champion?.Version, options.Value.Gate);
        var version = NewVersion(model, next, trained, verdict.Promoted);
        var gate = new GateDecision
        {
            ModelId = model.Id,
            Version = next,
            Promoted = verdict.Promoted,
            Reason = verdict.Reason,
            ChallengerAuc = verdict.ChallengerAuc,
            ChampionAuc = verdict.ChampionAuc,
            ChampionVersion = verdict.ChampionVersion,
            ChampionMetrics = StoredMetrics.Write(trained.Champion?.Metrics),
            MinimumAuc = verdict.MinimumAuc,
            MinimumImprovement = verdict.MinimumImprovement,
            DecidedAt = Now,
        };
        db.Versions.Add(version);
        db.Decisions.Add(gate);
        if (verdict.Promoted)
        {
            await RetireAsync(model.Id, champion?.Version, cancellationToken);
            MoveAlias(model, ModelAlias.Champion, next, $"promoted by the gate: {verdict.Reason}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Registration(Registered(model, version), Outcome(model, version, gate), Duplicate: false);
    }

    /// <summary>A rolled-back version stops being champion; the version the Deployer restored becomes champion again.</summary>
    public async Task RollBackAsync(DeploymentRolledBack rolledBack, CancellationToken cancellationToken)
    {
        var model = await FindAsync(rolledBack.Model, cancellationToken);
        var version = model is null ? null : await db.Versions.SingleOrDefaultAsync(v => v.ModelId == model.Id && v.Version == rolledBack.Version, cancellationToken);
        if (model is null || version is null || version.Status == VersionStatus.RolledBack)
        {
            return;
        }

        version.Status = VersionStatus.RolledBack;
        var champion = model.Aliases.SingleOrDefault(a => a.Name == ModelAlias.Champion);
        if (champion?.Version == rolledBack.Version)
        {
            if (rolledBack.RestoredVersion is { } restored)
            {
                var previous = await db.Versions.SingleAsync(v => v.ModelId == model.Id && v.Version == restored, cancellationToken);
                previous.Status = VersionStatus.Champion;
                MoveAlias(model, ModelAlias.Champion, restored, $"v{rolledBack.Version} rolled back: {rolledBack.Reason}");
            }
            else
            {
                RemoveAlias(model, champion, $"v{rolledBack.Version} rolled back: {rolledBack.Reason}");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task MarkServingAsync(DeploymentCompleted completed, CancellationToken cancellationToken)
    {
        var model = await FindAsync(completed.Model, cancellationToken);
        if (model is null || model.Aliases.Any(a => a.Name == ModelAlias.Serving && a.Version == completed.Version))
        {
            return;
        }

        MoveAlias(model, ModelAlias.Serving, completed.Version, $"{completed.Strategy} deployment {completed.DeploymentId} completed");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RecordFailureAsync(TrainingFailed failed, CancellationToken cancellationToken)
    {
        if (await db.Failures.AnyAsync(f => f.RequestId == failed.RequestId, cancellationToken))
        {
            return;
        }

        db.Failures.Add(new TrainingFailure
        {
            RequestId = failed.RequestId,
            Model = failed.Model,
            Reason = failed.Reason,
            ErrorCount = failed.ErrorCount,
            Errors = JsonSerializer.Serialize(failed.Errors),
            FailedAt = failed.FailedAt.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Moves the champion to a version by hand (a manual promotion or rollback), bypassing the gate.</summary>
    public async Task<ModelPromoted?> PromoteManuallyAsync(string name, int target, string reason, CancellationToken cancellationToken)
    {
        var model = await FindAsync(name, cancellationToken);
        var version = model is null ? null : await db.Versions.SingleOrDefaultAsync(v => v.ModelId == model.Id && v.Version == target, cancellationToken);
        if (model is null || version is null)
        {
            return null;
        }

        var champion = model.Aliases.SingleOrDefault(a => a.Name == ModelAlias.Champion)?.Version;
        await RetireAsync(model.Id, champion, cancellationToken);
        version.Status = VersionStatus.Champion;
        MoveAlias(model, ModelAlias.Champion, target, $"manual: {reason}");
        await db.SaveChangesAsync(cancellationToken);
        var verdict = new GateVerdict(true, $"manual: {reason}", version.Auc, null, champion, options.Value.Gate.MinimumAuc, options.Value.Gate.MinimumImprovement);
        return new ModelPromoted(model.Name, target, version.PackageUri, champion, verdict, new DateTimeOffset(Now, TimeSpan.Zero));
    }

    // Whole microseconds: PostgreSQL keeps no finer, and a republished decision must carry the very
    // timestamp of the first one (the Deployer recognises redeliveries by it).
    private DateTime Now => Microseconds(time.GetUtcNow().UtcDateTime);

    private static DateTime Microseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);

    private Task<RegisteredModel?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.Models.Include(m => m.Aliases).SingleOrDefaultAsync(m => m.Name == name, cancellationToken);

    private async Task RetireAsync(int modelId, int? version, CancellationToken cancellationToken)
    {
        if (version is null)
        {
            return;
        }

        var previous = await db.Versions.SingleOrDefaultAsync(v => v.ModelId == modelId && v.Version == version, cancellationToken);
        if (previous is not null)
        {
            previous.Status = VersionStatus.Retired;
        }
    }

    private void MoveAlias(RegisteredModel model, string name, int version, string reason)
    {
        var alias = model.Aliases.SingleOrDefault(a => a.Name == name);
        db.AliasChanges.Add(new AliasChange { ModelId = model.Id, Alias = name, FromVersion = alias?.Version, ToVersion = version, Reason = reason, ChangedAt = Now });
        if (alias is null)
        {
            model.Aliases.Add(new ModelAlias { Name = name, Version = version, UpdatedAt = Now });
        }
        else
        {
            alias.Version = version;
            alias.UpdatedAt = Now;
        }
    }

    private void RemoveAlias(RegisteredModel model, ModelAlias alias, string reason)
    {
        db.AliasChanges.Add(new AliasChange { ModelId = model.Id, Alias = alias.Name, FromVersion = alias.Version, ToVersion = null, Reason = reason, ChangedAt = Now });
        db.Aliases.Remove(alias);
    }

    private ModelVersion NewVersion(RegisteredModel model, int number, ModelTrained trained, bool promoted) => new()
    {
        ModelId = model.Id,
        Version = number,
        RequestId = trained.RequestId,
        PackageUri = trained.PackageUri,
        Status = promoted ? VersionStatus.Champion : VersionStatus.Rejected,
        Auc = trained.Metrics.Auc,
        Accuracy = trained.Metrics.Accuracy,
        F1 = trained.Metrics.F1,
        Precision = trained.Metrics.Precision,
        Recall = trained.Metrics.Recall,
        LogLoss = trained.Metrics.LogLoss,
        HoldoutRows = trained.Metrics.HoldoutRows,
        Confusion = StoredMetrics.Write(trained.Metrics.Confusion),
        Roc = StoredMetrics.Write(trained.Metrics.Roc),
        DatasetFingerprint = trained.Lineage.DatasetFingerprint,
        DatasetFiles = JsonSerializer.Serialize(trained.Lineage.DatasetFiles),
        DatasetRows = trained.Lineage.DatasetRows,
        CodeVersion = trained.Lineage.CodeVersion,
        Trainer = trained.Lineage.Trainer,
        Seed = trained.Lineage.Seed,
        Parameters = StoredMetrics.Write(trained.Lineage.Parameters),
        Reason = trained.Lineage.Reason,
        DriftAlertId = trained.Lineage.DriftAlertId,
        ParentVersion = trained.Lineage.ParentVersion,
        TrainedAt = trained.TrainedAt.UtcDateTime,
        RegisteredAt = Now,
    };

    private static ModelVersionRegistered Registered(RegisteredModel model, ModelVersion version) =>
        new(model.Name, version.Version, version.PackageUri, version.RequestId, new DateTimeOffset(version.RegisteredAt, TimeSpan.Zero));

    private static GateOutcome Outcome(RegisteredModel model, ModelVersion version, GateDecision decision)
    {
        var verdict = new GateVerdict(decision.Promoted, decision.Reason, decision.ChallengerAuc, decision.ChampionAuc, decision.ChampionVersion, decision.MinimumAuc, decision.MinimumImprovement);
        var at = new DateTimeOffset(decision.DecidedAt, TimeSpan.Zero);
        return decision.Promoted
            ? new GateOutcome.Promoted(new ModelPromoted(model.Name, version.Version, version.PackageUri, decision.ChampionVersion, verdict, at))
            : new GateOutcome.Rejected(new ModelRejected(model.Name, version.Version, verdict, at));
    }
}

public sealed record Registration(ModelVersionRegistered Registered, GateOutcome Outcome, bool Duplicate);
