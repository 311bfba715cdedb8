using MlOps.GitOps.Model;
using MlOps.GitOps.Validation;

namespace MlOps.GitOps.Rendering;

/// <summary>Decides each service's Cloud Run settings and environment variables from a merged environment.</summary>
public static class ServiceRenderer
{
    public static IReadOnlyList<RenderedService> Render(EnvironmentSpec spec) => spec.Services.Select(s => Render(spec, s)).ToList();

    public static RenderedService Render(EnvironmentSpec spec, ServiceSpec service)
    {
        // The loop's services share the bus and the artifact bucket; the console only calls their HTTP APIs.
        var loop = ServiceNames.Loop.Contains(service.Name);
        return new(
            service.Name,
            spec.Name,
            spec.Project,
            spec.Region,
            service.Image,
            service.Ingress,
            service.Public,
            ServiceAccountEmail(spec, service.ServiceAccount),
            service.MinInstances,
            service.MaxInstances,
            service.Cpu,
            service.Memory,
            service.Port,
            // A Pub/Sub pull consumer works between requests, so its CPU must not be throttled to requests only.
            CpuAlwaysAllocated: MessagingNames.Consumers.Contains(service.Name),
            service.CloudSqlInstance,
            loop ? spec.Artifacts : null,
            Env(spec, service, loop))
        {
            Iap = service.Iap is not null,
            SessionAffinity = service.Name == ServiceNames.Console,
        };
    }

    public static string ServiceAccountEmail(EnvironmentSpec spec, string accountId) => $"{accountId}@{spec.Project}.iam.gserviceaccount.com";

    private static List<EnvVar> Env(EnvironmentSpec spec, ServiceSpec service, bool loop)
    {
        List<EnvVar> env =
        [
            .. loop ? LoopEnv(spec) : [],
            Literal("OTEL_SERVICE_NAME", service.Name),
            .. VertexEnv(spec, service),
            .. GitOpsEnv(spec, service),
            .. RetrainingEnv(spec, service),
        ];
        // Telemetry goes to the collector sidecar beside the service, unless the environment names another endpoint.
        if (service.Find(KnativeManifest.OtlpEndpointVariable) is null)
        {
            env.Add(Literal(KnativeManifest.OtlpEndpointVariable, KnativeManifest.CollectorOtlpEndpoint));
        }

        env.AddRange(service.Settings
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new EnvVar(EnvVar.NameOf(s.Key), s.Value)));
        return env;
    }

    /// <summary>The bus and the artifact folder every service of the loop uses.</summary>
    private static EnvVar[] LoopEnv(EnvironmentSpec spec) =>
    [
        Literal("MlOps:Transport", "PubSub"),
        Literal("MlOps:PubSub:ProjectId", spec.Project),
        Literal("MlOps:Artifacts:Root", spec.Artifacts.MountPath),
    ];

    /// <summary>What a service that calls Vertex AI needs to know, only while its feature is on.</summary>
    private static IEnumerable<EnvVar> VertexEnv(EnvironmentSpec spec, ServiceSpec service)
    {
        if (!VertexFeatures.Of(spec).CallsVertex(service.Name))
        {
            yield break;
        }

        yield return Literal("MlOps:Google:Project", spec.Project);
        yield return Literal("MlOps:Google:Location", spec.Region);
        yield return Literal("MlOps:Google:Bucket", spec.Artifacts.Bucket);
        var predictor = spec.Service(ServiceNames.Predictor);
        switch (service.Name)
        {
            case ServiceNames.Registry:
                yield return Literal("Registry:Vertex:ServingImage", predictor.Image);
                break;
            case ServiceNames.Deployer:
                // The deployed model runs as the predictor does on Cloud Run, so it reads the bucket with the same rights.
                yield return Literal("Deployer:Vertex:ServiceAccount", ServiceAccountEmail(spec, predictor.ServiceAccount));
                break;
            case ServiceNames.Trainer:
                yield return Literal("Trainer:CustomJob:Image", service.Image);
                yield return Literal("Trainer:CustomJob:ServiceAccount", ServiceAccountEmail(spec, service.ServiceAccount));
                break;
        }
    }

    /// <summary>A gitops deployer runs the environment's deploy trigger through Cloud Build's API, in the environment's project and region.</summary>
    private static IEnumerable<EnvVar> GitOpsEnv(EnvironmentSpec spec, ServiceSpec service)
    {
        if (service.Name != ServiceNames.Deployer || !GitOpsRollouts.On(spec))
        {
            yield break;
        }

        if (!VertexFeatures.Of(spec).CallsVertex(service.Name))
        {
            yield return Literal("MlOps:Google:Project", spec.Project);
            yield return Literal("MlOps:Google:Location", spec.Region);
        }

        yield return Literal("Deployer:GitOps:Trigger", GitOpsRollouts.Trigger(spec));
        yield return Literal("Deployer:GitOps:Branch", GitOpsRollouts.Branch(spec));
    }

    /// <summary>A drift-watcher that retrains through a Cloud Build trigger runs it in the environment's project and region, on its branch.</summary>
    private static IEnumerable<EnvVar> RetrainingEnv(EnvironmentSpec spec, ServiceSpec service)
    {
        if (service.Name != ServiceNames.DriftWatcher || RetrainingTrigger.Of(spec) is null)
        {
            yield break;
        }

        yield return Literal("MlOps:Google:Project", spec.Project);
        yield return Literal("MlOps:Google:Location", spec.Region);
        yield return Literal(RetrainingTrigger.BranchKey, RetrainingTrigger.Branch(spec));
    }

    private static EnvVar Literal(string key, string value) => new(EnvVar.NameOf(key), new LiteralValue(value));
}
