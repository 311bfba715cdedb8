using MlOps.GitOps.Model;
using MlOps.GitOps.Yaml;

namespace MlOps.GitOps.Rendering;

/// <summary>A Cloud Run <c>serving.knative.dev/v1</c> Service, the YAML <c>gcloud run services replace</c> takes.</summary>
public static class KnativeManifest
{
    public const string StartedPath = "/started";
    public const string AlivePath = "/alive";
    public const string ArtifactsVolume = "artifacts";

    /// <summary>The Google-Built OpenTelemetry Collector, a sidecar of every service: the service exports OTLP to it on localhost.</summary>
    public const string CollectorContainer = "otel-collector";
    public const string CollectorImage = "us-docker.pkg.dev/cloud-ops-agents-artifacts/google-cloud-opentelemetry-collector/otelcol-google:0.156.1";

    /// <summary>The Secret Manager secret holding <c>environments/base/otel-collector.yaml</c>, mounted as the collector's config file.</summary>
    public const string CollectorConfigSecret = "otel-collector-config";
    public const string CollectorConfigFolder = "/etc/otelcol-google";
    public const string CollectorConfigFile = "config.yaml";

    /// <summary>The collector's health_check extension: its probes, which Cloud Run needs of a container others depend on.</summary>
    public const int CollectorHealthPort = 13133;
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string CollectorOtlpEndpoint = "http://localhost:4317";

    public static string ToYaml(RenderedService service) => YamlWriter.Write(Build(service));

    public static MapNode Build(RenderedService service) => new MapNode()
        .Set("apiVersion", "serving.knative.dev/v1")
        .Set("kind", "Service")
        .Set("metadata", new MapNode()
            .Set("name", service.Name)
            .Set("labels", Labels(service).Set("cloud.googleapis.com/location", service.Region))
            .Set("annotations", ServiceAnnotations(service)))
        .Set("spec", new MapNode()
            .Set("template", new MapNode()
                .Set("metadata", new MapNode()
                    .Set("labels", Labels(service))
                    .Set("annotations", TemplateAnnotations(service)))
                .Set("spec", new MapNode()
                    .Set("serviceAccountName", service.ServiceAccountEmail)
                    .Set("containers", new ListNode().Add(Container(service)).Add(Collector()))
                    .Set("volumes", Volumes(service))))
            .Set("traffic", new ListNode().Add(new MapNode()
                .Set("percent", ScalarNode.Number(100))
                .Set("latestRevision", ScalarNode.Boolean(true)))));

    /// <summary>
    /// Service-level settings: ingress, and Identity-Aware Proxy on the service itself (which Google documents as
    /// <c>run.googleapis.com/iap-enabled</c>; it was a Preview feature, so the BETA launch stage lets
    /// <c>services replace</c> accept it whether or not it is GA now).
    /// </summary>
    private static MapNode ServiceAnnotations(RenderedService service)
    {
        var annotations = new MapNode().Set("run.googleapis.com/ingress", service.Ingress);
        if (service.Iap)
        {
            annotations.Set("run.googleapis.com/iap-enabled", "true").Set("run.googleapis.com/launch-stage", "BETA");
        }

        return annotations;
    }

    private static ListNode Volumes(RenderedService service)
    {
        var volumes = new ListNode();
        if (service.Artifacts is { } artifacts)
        {
            volumes.Add(new MapNode()
                .Set("name", ArtifactsVolume)
                .Set("csi", new MapNode()
                    .Set("driver", "gcsfuse.run.googleapis.com")
                    .Set("readOnly", ScalarNode.Boolean(false))
                    .Set("volumeAttributes", new MapNode().Set("bucketName", artifacts.Bucket))));
        }

        return volumes.Add(new MapNode()
            .Set("name", CollectorConfigSecret)
            .Set("secret", new MapNode()
                .Set("secretName", CollectorConfigSecret)
                .Set("items", new ListNode().Add(new MapNode().Set("key", "latest").Set("path", CollectorConfigFile)))));
    }

    private static MapNode Labels(RenderedService service) => new MapNode()
        .Set("mlops-environment", service.Environment)
        .Set("mlops-service", service.Name);

    private static MapNode TemplateAnnotations(RenderedService service)
    {
        var annotations = new MapNode()
            .Set("autoscaling.knative.dev/minScale", service.MinInstances.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("autoscaling.knative.dev/maxScale", service.MaxInstances.ToString(System.Globalization.CultureInfo.InvariantCulture))
            // Cloud Storage volume mounts need the second-generation execution environment (the console, which mounts none, runs the same).
            .Set("run.googleapis.com/execution-environment", "gen2")
            .Set("run.googleapis.com/cpu-throttling", service.CpuAlwaysAllocated ? "false" : "true")
            .Set("run.googleapis.com/startup-cpu-boost", "true")
            // The service starts once the collector passes its startup probe, so no span or metric is sent before it listens.
            .Set("run.googleapis.com/container-dependencies", System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string[]> { [service.Name] = [CollectorContainer] }));
        if (service.CloudSqlInstance is { } instance)
        {
            annotations.Set("run.googleapis.com/cloudsql-instances", instance);
        }

        if (service.SessionAffinity)
        {
            annotations.Set("run.googleapis.com/sessionAffinity", "true");
        }

        return annotations;
    }

    private static MapNode Container(RenderedService service)
    {
        var container = new MapNode()
            .Set("name", service.Name)
            .Set("image", service.Image)
            .Set("ports", new ListNode().Add(new MapNode()
                .Set("name", "http1")
                .Set("containerPort", ScalarNode.Number(service.Port))))
            .Set("env", Env(service.Env))
            .Set("resources", new MapNode()
                .Set("limits", new MapNode()
                    .Set("cpu", service.Cpu)
                    .Set("memory", service.Memory)));
        if (service.Artifacts is { } artifacts)
        {
            container.Set("volumeMounts", new ListNode().Add(new MapNode()
                .Set("name", ArtifactsVolume)
                .Set("mountPath", artifacts.MountPath)));
        }

        return container
            .Set("startupProbe", Probe(StartedPath, service.Port, periodSeconds: 5, failureThreshold: 24, timeoutSeconds: 3))
            .Set("livenessProbe", Probe(AlivePath, service.Port, periodSeconds: 30, failureThreshold: 3, timeoutSeconds: 5));
    }

    private static MapNode Collector() => new MapNode()
        .Set("name", CollectorContainer)
        .Set("image", CollectorImage)
        .Set("args", new ListNode().Add(ScalarNode.Text($"--config={CollectorConfigFolder}/{CollectorConfigFile}")))
        .Set("resources", new MapNode()
            .Set("limits", new MapNode()
                .Set("cpu", "1")
                .Set("memory", "512Mi")))
        .Set("volumeMounts", new ListNode().Add(new MapNode()
            .Set("name", CollectorConfigSecret)
            .Set("mountPath", CollectorConfigFolder)))
        .Set("startupProbe", Probe("/", CollectorHealthPort, periodSeconds: 5, failureThreshold: 24, timeoutSeconds: 3))
        .Set("livenessProbe", Probe("/", CollectorHealthPort, periodSeconds: 30, failureThreshold: 3, timeoutSeconds: 5));

    private static ListNode Env(IReadOnlyList<EnvVar> env)
    {
        var list = new ListNode();
        foreach (var variable in env)
        {
            var item = new MapNode().Set("name", variable.Name);
            switch (variable.Value)
            {
                case SecretValue secret:
                    // Cloud Run reads secretKeyRef as: name = the Secret Manager secret, key = its version.
                    item.Set("valueFrom", new MapNode().Set("secretKeyRef", new MapNode()
                        .Set("name", secret.Secret)
                        .Set("key", secret.Version)));
                    break;
                case LiteralValue literal:
                    item.Set("value", literal.Text);
                    break;
            }

            list.Add(item);
        }

        return list;
    }

    private static MapNode Probe(string path, int port, int periodSeconds, int failureThreshold, int timeoutSeconds) => new MapNode()
        .Set("httpGet", new MapNode()
            .Set("path", path)
            .Set("port", ScalarNode.Number(port)))
        .Set("periodSeconds", ScalarNode.Number(periodSeconds))
        .Set("timeoutSeconds", ScalarNode.Number(timeoutSeconds))
        .Set("failureThreshold", ScalarNode.Number(failureThreshold));
}
