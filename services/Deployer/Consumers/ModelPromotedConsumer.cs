using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Deployer.Infrastructure;
using MlOps.Deployer.Model;
using MlOps.Platform.Messaging;

namespace MlOps.Deployer.Consumers;

/// <summary>Queues a rollout for each promotion, once: the rollout worker carries it out. A promotion naming no valid model or version is refused and queues nothing.</summary>
public sealed class ModelPromotedConsumer(DeploymentsDbContext db, IOptions<DeployerOptions> options, TimeProvider time, ILogger<ModelPromotedConsumer> logger) : IConsumer<ModelPromoted>
{
    public async Task Consume(ConsumeContext<ModelPromoted> context)
    {
        var promoted = context.Message;
        if (logger.Refuse<ModelPromoted>(promoted.Model, ("version", promoted.Version)))
        {
            return;
        }

        var at = promoted.PromotedAt.UtcDateTime;
        if (await db.Deployments.AnyAsync(d => d.Model == promoted.Model && d.Version == promoted.Version && d.PromotedAt == at, context.CancellationToken))
        {
            return;
        }

        // Pub/Sub does not keep order: a promotion made before one already acted on arrives late and is
        // stale; rolling it out would take the traffic back from the newer champion.
        if (await db.Deployments.Where(d => d.Model == promoted.Model && d.PromotedAt > at).Select(d => (int?)d.Version).FirstOrDefaultAsync(context.CancellationToken) is { } newer)
        {
            logger.LogWarning("{Model} v{Version}, promoted at {PromotedAt:O}, arrived after the promotion of v{Newer} made later; it is stale and is not rolled out",
                promoted.Model, promoted.Version, promoted.PromotedAt, newer);
            return;
        }

        db.Deployments.Add(new Deployment
        {
            Id = NewId.NextGuid(),
            Model = promoted.Model,
            Version = promoted.Version,
            PackageUri = promoted.PackageUri,
            PromotedAt = at,
            Strategy = options.Value.Strategy,
            State = DeploymentState.Pending,
            CanaryPercent = options.Value.Canary.TrafficPercent,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
