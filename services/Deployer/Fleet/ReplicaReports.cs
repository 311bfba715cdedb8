using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOps.Contracts.Fleet;
using MlOps.Deployer.Infrastructure;
using MlOps.Deployer.Model;

namespace MlOps.Deployer.Fleet;

/// <summary>
/// What the replicas report, kept in the Deployer's database: each replica's liveness, and each
/// version's counters per generation — also after the replica is gone, so a rollout sums what every
/// replica served, and a restarted Deployer judges a canary on the same figures.
/// </summary>
public sealed class ReplicaReports(DeploymentsDbContext db, IOptions<DeployerOptions> options, TimeProvider time)
{
    private TimeSpan LiveWindow => TimeSpan.FromSeconds(options.Value.Fleet.LiveSeconds);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task RecordAsync(ReplicaReport report, CancellationToken cancellationToken)
    {
        var now = Now;
        var replica = await db.Replicas.SingleOrDefaultAsync(r => r.ReplicaId == report.ReplicaId, cancellationToken);
        if (replica is null)
        {
            replica = new Replica { ReplicaId = report.ReplicaId };
            db.Replicas.Add(replica);
        }

        replica.Host = report.Host;
        replica.StartedAt = report.StartedAt.UtcDateTime;
        replica.LastSeen = now;
        replica.Revision = report.Revision;

        var rows = await db.ReplicaStats.Where(s => s.ReplicaId == report.ReplicaId).ToListAsync(cancellationToken);
        foreach (var version in report.Versions)
        {
            var row = rows.FirstOrDefault(s => s.Model == version.Model && s.Version == version.Version && s.Generation == version.Generation);
            if (row is null)
            {
                row = new ReplicaVersionStat { ReplicaId = report.ReplicaId, Model = version.Model, Version = version.Version, Generation = version.Generation, Latency = "[]", Scores = "[]" };
                db.ReplicaStats.Add(row);
                rows.Add(row);
            }

            row.Requests = version.Requests;
            row.Instances = version.Instances;
            row.Errors = version.Errors;
            row.Latency = JsonSerializer.Serialize(version.Latency);
            row.Scores = JsonSerializer.Serialize(version.Scores);
            row.ShadowCompared = version.Shadow?.Compared ?? 0;
            row.ShadowAgreed = version.Shadow?.Agreed ?? 0;
            row.ShadowErrors = version.Shadow?.Errors ?? 0;
            row.ShadowServedScores = version.Shadow is null ? null : JsonSerializer.Serialize(version.Shadow.ServedScores);
            row.UpdatedAt = now;
        }

        // A replica counts only its models' current generations: what it kept of older ones no longer changes.
        var current = report.Versions.GroupBy(v => v.Model).ToDictionary(g => g.Key, g => g.Max(v => v.Generation));
        db.ReplicaStats.RemoveRange(rows.Where(s => current.TryGetValue(s.Model, out var generation) && s.Generation < generation - 1));

        var refused = await db.Refusals.Where(r => r.ReplicaId == report.ReplicaId).ToListAsync(cancellationToken);
        foreach (var refusal in report.Refusals.Where(r => !refused.Any(k => k.Model == r.Model && k.Version == r.Version && k.Generation == r.Generation)))
        {
            db.Refusals.Add(new ReplicaRefusal { ReplicaId = report.ReplicaId, Model = refusal.Model, Version = refusal.Version, Generation = refusal.Generation, Reason = refusal.Reason, At = now });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One generation of a model's split as the fleet served it.</summary>
    public async Task<FleetHealth> HealthAsync(string model, long generation, CancellationToken cancellationToken)
    {
        var since = Now - LiveWindow;
        var live = await db.Replicas.AsNoTracking().Where(r => r.LastSeen >= since).Select(r => r.ReplicaId).ToListAsync(cancellationToken);
        var rows = await db.ReplicaStats.AsNoTracking().Where(s => s.Model == model && s.Generation == generation).ToListAsync(cancellationToken);
        var refusals = await db.Refusals.AsNoTracking().Where(r => r.Model == model && r.Generation == generation).ToListAsync(cancellationToken);
        var converged = rows.Select(s => s.ReplicaId).Distinct().Count(live.Contains);
        var totals = rows.GroupBy(s => s.Version).Select(g => Sum(g.Key, [.. g])).OrderBy(t => t.Version).ToList();
        return new FleetHealth(live.Count, converged, totals, [.. refusals.Select(r => new Refusal(r.Model, r.Version, r.Generation, r.Reason))]);
    }

    public async Task<IReadOnlyList<ReplicaView>> ReplicasAsync(CancellationToken cancellationToken)
    {
        var since = Now - LiveWindow;
        var replicas = await db.Replicas.AsNoTracking().OrderBy(r => r.ReplicaId).ToListAsync(cancellationToken);
        var rows = await db.ReplicaStats.AsNoTracking().ToListAsync(cancellationToken);
        return
        [
            .. replicas.Select(r => new ReplicaView(
                r.ReplicaId,
                r.Host,
                new DateTimeOffset(r.StartedAt, TimeSpan.Zero),
                new DateTimeOffset(r.LastSeen, TimeSpan.Zero),
                r.LastSeen >= since,
                r.Revision,
                Serving(rows.Where(s => s.ReplicaId == r.ReplicaId)))),
        ];
    }

    /// <summary>What a replica serves now: its counters at each model's latest generation (the previous one is kept only for rollouts still reading it).</summary>
    private static List<VersionReport> Serving(IEnumerable<ReplicaVersionStat> rows) =>
    [
        .. from model in rows.GroupBy(s => s.Model)
           let generation = model.Max(s => s.Generation)
           from row in model.Where(s => s.Generation == generation).OrderBy(s => s.Version)
           select Report(row),
    ];

    private static VersionTotals Sum(int version, List<ReplicaVersionStat> rows)
    {
        var latency = new long[FleetHistograms.LatencyBuckets];
        var scores = new long[FleetHistograms.ScoreBuckets];
        var served = new long[FleetHistograms.ScoreBuckets];
        foreach (var row in rows)
        {
            Add(latency, row.Latency);
            Add(scores, row.Scores);
            if (row.ShadowServedScores is { } shadow)
            {
                Add(served, shadow);
            }
        }

        var compared = rows.Sum(r => r.ShadowCompared);
        var shadowErrors = rows.Sum(r => r.ShadowErrors);
        return new VersionTotals(
            version,
            rows.Sum(r => r.Requests),
            rows.Sum(r => r.Instances),
            rows.Sum(r => r.Errors),
            latency,
            scores,
            compared + shadowErrors > 0 || rows.Any(r => r.ShadowServedScores is not null) ? new ShadowTotals(compared, rows.Sum(r => r.ShadowAgreed), shadowErrors, served) : null);
    }

    private static void Add(long[] into, string json)
    {
        var counts = JsonSerializer.Deserialize<long[]>(json) ?? [];
        for (var i = 0; i < Math.Min(into.Length, counts.Length); i++)
        {
            into[i] += counts[i];
        }
    }

    private static VersionReport Report(ReplicaVersionStat s) => new(
        s.Model, s.Version, s.Generation, s.Requests, s.Instances, s.Errors,
        JsonSerializer.Deserialize<long[]>(s.Latency) ?? [],
        JsonSerializer.Deserialize<long[]>(s.Scores) ?? [],
        s.ShadowServedScores is { } shadow ? new ShadowReport(s.ShadowCompared, s.ShadowAgreed, s.ShadowErrors, JsonSerializer.Deserialize<long[]>(shadow) ?? []) : null);
}
