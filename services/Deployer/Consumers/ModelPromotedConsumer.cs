using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Deployer.Infrastructure;
using MlOps.Deployer.Model;

namespace MlOps.Deployer.Consumers;

/// <summary>Queues a rollout for each promotion, once: the rollout worker carries it out.</summary>
public sealed class ModelPromotedConsumer(DeploymentsDbContext db, IOptions<DeployerOptions> options, TimeProvider time) : IConsumer<ModelPromoted>
{
    public async Task Consume(ConsumeContext<ModelPromoted> context)
    {
        var promoted = context.Message;
        var at = promoted.PromotedAt.UtcDateTime;
        if (await db.Deployments.AnyAsync(d => d.Model == promoted.Model && d.Version == promoted.Version && d.PromotedAt == at, context.CancellationToken))
        {
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
