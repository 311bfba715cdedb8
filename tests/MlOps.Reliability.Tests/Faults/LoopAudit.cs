using MlOps.Contracts;

namespace MlOps.Reliability.Tests.Faults;

/// <summary>
/// What must hold after any trial, read from the services' own records and the events on the bus:
/// every training request reached an outcome, no request became two versions, every version has
/// exactly one gate decision, every promotion has its rollout, and only promoted versions took traffic.
/// Each breach is one thing lost or duplicated.
/// </summary>
public static class LoopAudit
{
    public static async Task<IReadOnlyList<string>> BreachesAsync(LoopRig rig, ServedVersions served, TimeSpan settle)
    {
        // Requests still training when the trial ended are given time to finish: late is not lost.
        var requested = rig.Witness.All<TrainingRequested>().Select(r => r.RequestId).ToHashSet();
        var unresolved = new List<Guid>();
        try
        {
            await rig.UntilAsync(async () =>
            {
                var versions = await rig.VersionsAsync();
                var failures = await rig.FailuresAsync();
                unresolved = [.. requested.Where(id => versions.All(v => v.RequestId != id) && failures.All(f => f.RequestId != id))];
                return unresolved.Count == 0;
            }, "every training request to end as a version or a recorded failure", settle);
        }
        catch (TimeoutException)
        {
        }

        var breaches = new List<string>();
        breaches.AddRange(unresolved.Select(id => $"training request {id} has neither a version nor a recorded failure"));

        var registered = await rig.VersionsAsync();
        breaches.AddRange(registered.GroupBy(v => v.RequestId).Where(g => g.Count() > 1)
            .Select(g => $"request {g.Key} registered {g.Count()} times: v{string.Join(", v", g.Select(v => v.Version))}"));
        breaches.AddRange(registered.GroupBy(v => v.Version).Where(g => g.Count() > 1).Select(g => $"version {g.Key} registered {g.Count()} times"));

        var decisions = await rig.DecisionsAsync();
        foreach (var version in registered)
        {
            var count = decisions.Count(d => d.Version == version.Version);
            if (count != 1)
            {
                breaches.Add($"v{version.Version} has {count} gate decisions");
            }
        }

        var deployments = await rig.DeploymentsAsync();
        foreach (var promoted in decisions.Where(d => d.Promoted))
        {
            if (!deployments.Any(d => d.Version == promoted.Version))
            {
                breaches.Add($"v{promoted.Version} was promoted but has no rollout");
            }
        }

        breaches.AddRange(deployments.Where(d => d.State is "RolledBack" && string.IsNullOrWhiteSpace(d.Reason))
            .Select(d => $"the rollout of v{d.Version} was rolled back with no reason"));

        if (served.Versions.Count == 0)
        {
            breaches.Add($"no prediction was answered during the trial ({served.Failed} requests failed): nothing shows which versions served");
        }

        var promotedVersions = decisions.Where(d => d.Promoted).Select(d => d.Version).Concat(rig.Witness.All<ModelPromoted>().Select(p => p.Version)).ToHashSet();
        breaches.AddRange(served.Versions.Keys.Where(v => !promotedVersions.Contains(v)).Select(v => $"v{v} answered {served.Versions[v]} requests but was never promoted"));
        return breaches;
    }
}
