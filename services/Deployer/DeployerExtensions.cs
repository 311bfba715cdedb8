using Microsoft.Extensions.Options;
using MlOps.Deployer.Apis;
using MlOps.Deployer.Consumers;
using MlOps.Deployer.Fleet;
using MlOps.Deployer.GitOps;
using MlOps.Deployer.Infrastructure;
using MlOps.Deployer.Rollout;
using MlOps.Deployer.Targets;
using MlOps.Deployer.Telemetry;
using MlOps.GoogleApis;
using MlOps.Platform.Configuration;
using MlOps.Platform.Identity;
using MlOps.Platform.Messaging;
using MlOps.Platform.Storage;
using MlOps.Platform.Telemetry;

namespace MlOps.Deployer;

public static class DeployerExtensions
{
    /// <summary>
    /// The Deployer module: owns the serving fleet's desired state (persisted before it is announced,
    /// long-polled by every Predictor replica), turns promotions into rollouts — immediate, canary,
    /// shadow or through the environment's deploy build (gitops) — judged on what all replicas report, and keeps the history.
    /// </summary>
    public static IHostApplicationBuilder AddDeployer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Settings<DeployerOptions>();

        // Read whether or not a Vertex AI feature is on, so that every environment's settings are checked alike.
        builder.AddSettings<GoogleApiOptions>();
        builder.AddServiceIdentity();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<DeploymentsDbContext>(DeployerOptions.ConnectionName, services => services.GetRequiredService<IOptions<DeployerOptions>>().Value.Database, "deployments.db");

        builder.Services.AddSingleton<FleetSignal>();
        builder.Services.AddScoped<DesiredStateStore>();
        builder.Services.AddScoped<ReplicaReports>();
        if (settings.Target == DeploymentTarget.VertexEndpoint)
        {
            // Vertex AI endpoints split traffic between deployed models; they cannot mirror it to a shadow.
            if (settings.Strategy == RolloutStrategy.Shadow)
            {
                throw new InvalidOperationException("Deployer:Strategy shadow cannot run on Deployer:Target VertexEndpoint: Vertex AI endpoints split traffic but do not mirror it; use canary or immediate");
            }

            if (settings.Vertex.MaxReplicas < settings.Vertex.MinReplicas)
            {
                throw new InvalidOperationException($"Deployer:Vertex:MaxReplicas ({settings.Vertex.MaxReplicas}) is below Deployer:Vertex:MinReplicas ({settings.Vertex.MinReplicas})");
            }

            builder.Services.AddScoped<IEndpointTarget, VertexEndpointTarget>();
        }
        else
        {
            builder.Services.AddScoped<IEndpointTarget, FleetTarget>();
        }

        if (settings.Strategy == RolloutStrategy.GitOps)
        {
            var missing = new[] { ("Deployer:GitOps:Trigger", settings.GitOps.Trigger), ("Deployer:GitOps:Branch", settings.GitOps.Branch) }.Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => s.Item1).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"Deployer:Strategy gitops runs the environment's deploy build: set {string.Join(" and ", missing)} (the renderer sets both from the environment)");
            }

            builder.Services.AddScoped<IDeployPipeline, CloudBuildPipeline>();
        }
        else
        {
            builder.Services.AddScoped<IDeployPipeline, NoDeployPipeline>();
        }

        if (settings.Target == DeploymentTarget.VertexEndpoint || settings.Strategy == RolloutStrategy.GitOps)
        {
            builder.AddGoogleApis();
        }

        builder.Services.AddScoped<RolloutEngine>();
        builder.Services.AddSingleton<RolloutLock>();
        builder.Services.AddMetrics<DeployerMetrics>();
        builder.Services.AddHostedService<RolloutWorker>();

        builder.Messaging().AddConsumer<ModelPromotedConsumer>(EndpointNames.Deployer);
        return builder;
    }

    public static WebApplication MapDeployer(this WebApplication app)
    {
        app.MapDeploymentsApi();
        app.MapFleetApi();
        return app;
    }
}
