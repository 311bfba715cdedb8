using System.Text.Json;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;
using YamlDotNet.RepresentationModel;

namespace MlOps.GitOps.Tests.Telemetry;

/// <summary>
/// Every service runs beside the Google-Built OpenTelemetry Collector as Google documents it for Cloud Run: a sidecar
/// the service starts after, its config mounted from Secret Manager, and the service exporting OTLP to it on localhost.
/// </summary>
public sealed class CollectorSidecarTests
{
    public static TheoryData<string> Environments() => new(RepositoryFiles.Environments.Names());

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_service_starts_after_a_collector_sidecar_that_it_exports_OTLP_to_on_localhost(string environment)
    {
        foreach (var service in ServiceRenderer.Render(EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment)))
        {
            var yaml = KnativeManifest.ToYaml(service);
            var template = (YamlMappingNode)Manifest(yaml)["spec"]["template"];
            var containers = ((YamlSequenceNode)template["spec"]["containers"]).Children.Cast<YamlMappingNode>().ToList();

            Assert.Empty(KnativeServiceChecker.Check(yaml));
            Assert.Equal([service.Name, KnativeManifest.CollectorContainer], containers.Select(c => Text(c, "name")));
            var dependencies = JsonSerializer.Deserialize<Dictionary<string, string[]>>(Text((YamlMappingNode)template["metadata"]["annotations"], "run.googleapis.com/container-dependencies"));
            Assert.Equal([KnativeManifest.CollectorContainer], dependencies![service.Name]);
            var env = ((YamlSequenceNode)containers[0]["env"]).Children.Cast<YamlMappingNode>()
                .Where(e => e.Children.ContainsKey("value"))
                .ToDictionary(e => Text(e, "name"), e => Text(e, "value"));
            Assert.Equal("http://localhost:4317", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal(service.Name, env["OTEL_SERVICE_NAME"]);
            Assert.Equal(13133, int.Parse(Text((YamlMappingNode)containers[1]["startupProbe"]["httpGet"], "port"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.False(containers[1].Children.ContainsKey("ports"));
        }
    }

    [Fact]
    public void The_collector_is_Googles_build_pinned_to_a_release_and_reads_its_config_from_the_mounted_secret()
    {
        var service = ServiceRenderer.Render(EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "prod"))[0];
        var spec = (YamlMappingNode)Manifest(KnativeManifest.ToYaml(service))["spec"]["template"]["spec"];
        var collector = ((YamlSequenceNode)spec["containers"]).Children.Cast<YamlMappingNode>().Single(c => Text(c, "name") == KnativeManifest.CollectorContainer);

        Assert.Matches(@"^us-docker\.pkg\.dev/cloud-ops-agents-artifacts/google-cloud-opentelemetry-collector/otelcol-google:\d+\.\d+\.\d+$", Text(collector, "image"));
        var mount = (YamlMappingNode)((YamlSequenceNode)collector["volumeMounts"]).Children.Single();
        var volume = ((YamlSequenceNode)spec["volumes"]).Children.Cast<YamlMappingNode>().Single(v => Text(v, "name") == Text(mount, "name"));
        var secret = (YamlMappingNode)volume["secret"];
        var item = (YamlMappingNode)((YamlSequenceNode)secret["items"]).Children.Single();
        Assert.Equal(KnativeManifest.CollectorConfigSecret, Text(secret, "secretName"));
        var args = ((YamlSequenceNode)collector["args"]).Children.Select(a => ((YamlScalarNode)a).Value);
        Assert.Equal([$"--config={Text(mount, "mountPath")}/{Text(item, "path")}"], args);
    }

    [Fact]
    public void An_environment_that_names_its_own_OTLP_endpoint_keeps_it()
    {
        using var environments = new TempEnvironments();
        environments.Set("dev", "services/trainer/settings/OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector.internal:4317");

        var trainer = ServiceRenderer.Render(EnvironmentLoader.LoadValid(environments.Folder, "dev")).Single(s => s.Name == ServiceNames.Trainer);

        var endpoint = Assert.Single(trainer.Env, e => e.Name == KnativeManifest.OtlpEndpointVariable);
        Assert.Equal("http://collector.internal:4317", ((LiteralValue)endpoint.Value).Text);
    }

    private static YamlMappingNode Manifest(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Text(YamlMappingNode map, string key) => ((YamlScalarNode)map[key]).Value!;
}
