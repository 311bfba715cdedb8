using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlOps.Contracts.Api;
using MlOps.Contracts.Fleet;
using MlOps.Deployer.Infrastructure;
using MlOps.Deployer.Model;

namespace MlOps.Deployer.Fleet;

/// <summary>
/// The desired state of the serving fleet, in the Deployer's database. A change is saved first and
/// only then announced (the long polls wake on the signal), so no replica serves a split the
/// Deployer could forget.
/// </summary>
public sealed class DesiredStateStore(DeploymentsDbContext db, FleetSignal signal, TimeProvider time)
{
    public async Task<DesiredState> ReadAsync(CancellationToken cancellationToken)
    {
        var endpoints = await db.Endpoints.AsNoTracking().OrderBy(e => e.Model).ToListAsync(cancellationToken);
        var revision = endpoints.Count == 0 ? 0 : endpoints.Max(e => e.Revision);
        signal.Saved(revision);
        return new DesiredState(revision, [.. endpoints.Select(e => new ModelSplit(e.Model, e.Generation, Split(e))).Where(m => m.Versions.Count > 0)]);
    }

    /// <summary>Saves the model's new split; returns its generation.</summary>
    public async Task<long> SetAsync(string model, IReadOnlyList<SplitEntry> versions, CancellationToken cancellationToken)
    {
        var revision = await NextRevisionAsync(cancellationToken);
        var endpoint = await db.Endpoints.SingleOrDefaultAsync(e => e.Model == model, cancellationToken);
        if (endpoint is null)
        {
            endpoint = new ModelEndpoint { Model = model, Versions = "[]" };
            db.Endpoints.Add(endpoint);
        }

        endpoint.Generation++;
        endpoint.Revision = revision;
        endpoint.Versions = JsonSerializer.Serialize(versions, ApiJson.Options);
        endpoint.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        signal.Saved(revision);
        return endpoint.Generation;
    }

    /// <summary>Stops serving the model anywhere (nothing of it was ever served safely): its split becomes empty, which keeps the revision growing.</summary>
    public async Task RemoveAsync(string model, CancellationToken cancellationToken)
    {
        if (await db.Endpoints.AnyAsync(e => e.Model == model, cancellationToken))
        {
            await SetAsync(model, [], cancellationToken);
        }
    }

    public async Task<ModelSplit?> FindAsync(string model, CancellationToken cancellationToken) =>
        await db.Endpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Model == model, cancellationToken) is { } e && Split(e) is { Count: > 0 } split
            ? new ModelSplit(e.Model, e.Generation, split)
            : null;

    private async Task<long> NextRevisionAsync(CancellationToken cancellationToken) =>
        ((await db.Endpoints.MaxAsync(e => (long?)e.Revision, cancellationToken)) ?? 0) + 1;

    private static List<SplitEntry> Split(ModelEndpoint endpoint) =>
        JsonSerializer.Deserialize<List<SplitEntry>>(endpoint.Versions, ApiJson.Options) ?? [];
}
