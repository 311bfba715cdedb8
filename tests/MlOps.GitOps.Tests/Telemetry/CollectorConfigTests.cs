using MlOps.GitOps.Rendering;
using YamlDotNet.RepresentationModel;

namespace MlOps.GitOps.Tests.Telemetry;

/// <summary>environments/base/otel-collector.yaml, the collector's config (the otel-collector-config secret), parsed as the collector would.</summary>
public sealed class CollectorConfigTests
{
    public const string File = "environments/base/otel-collector.yaml";

    // What the Google-Built OpenTelemetry Collector is built with, of what this config may use.
    private static readonly Dictionary<string, string[]> GoogleBuilt = new()
    {
        ["receivers"] = ["otlp"],
        ["processors"] = ["batch", "memory_limiter", "resourcedetection"],
        ["exporters"] = ["googlecloud", "googlemanagedprometheus"],
        ["extensions"] = ["health_check"],
    };

    private static readonly YamlMappingNode Config = Load();

    [Fact]
    public void It_receives_OTLP_over_gRPC_on_the_port_the_services_export_to()
    {
        var endpoint = Text((YamlMappingNode)Config["receivers"]["otlp"]["protocols"]["grpc"], "endpoint");

        Assert.Equal(new Uri(KnativeManifest.CollectorOtlpEndpoint).Port, Port(endpoint));
        Assert.StartsWith("localhost:", endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public void It_answers_the_sidecar_probes_on_the_health_check_extension()
    {
        var health = Text((YamlMappingNode)Config["extensions"]["health_check"], "endpoint");

        Assert.Equal(KnativeManifest.CollectorHealthPort, Port(health));
        Assert.StartsWith("0.0.0.0:", health, StringComparison.Ordinal);
        Assert.Contains("health_check", Names((YamlSequenceNode)Config["service"]["extensions"]));
    }

    [Fact]
    public void Traces_and_metrics_go_to_Google_Cloud_and_logs_are_left_to_stdout()
    {
        var pipelines = (YamlMappingNode)Config["service"]["pipelines"];

        Assert.Equal(["metrics", "traces"], pipelines.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order());
        Assert.Equal(["googlecloud"], Names((YamlSequenceNode)pipelines["traces"]["exporters"]));
        Assert.Equal(["googlecloud"], Names((YamlSequenceNode)pipelines["metrics"]["exporters"]));
        Assert.Equal(["gcp"], Names((YamlSequenceNode)Config["processors"]["resourcedetection"]["detectors"]));
    }

    [Fact]
    public void Every_pipeline_uses_defined_components_of_the_Google_built_collector_with_the_memory_limiter_first()
    {
        foreach (var (kind, names) in GoogleBuilt)
        {
            var defined = ((YamlMappingNode)Config[kind]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!);
            Assert.All(defined, name => Assert.Contains(name.Split('/')[0], names));
        }

        foreach (var (name, pipeline) in ((YamlMappingNode)Config["service"]["pipelines"]).Children.Select(p => (((YamlScalarNode)p.Key).Value, (YamlMappingNode)p.Value)))
        {
            foreach (var kind in new[] { "receivers", "processors", "exporters" })
            {
                var used = Names((YamlSequenceNode)pipeline[kind]);
                Assert.NotEmpty(used);
                Assert.All(used, component => Assert.True(((YamlMappingNode)Config[kind]).Children.ContainsKey(component), $"{name} uses {kind} {component}, which is not defined"));
            }

            Assert.Equal("memory_limiter", Names((YamlSequenceNode)pipeline["processors"])[0]);
            Assert.Equal("batch", Names((YamlSequenceNode)pipeline["processors"])[^1]);
        }
    }

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Repository.Read(File)));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static List<string> Names(YamlSequenceNode list) => [.. list.Children.Select(c => ((YamlScalarNode)c).Value!)];

    private static string Text(YamlMappingNode map, string key) => ((YamlScalarNode)map[key]).Value!;

    private static int Port(string endpoint) => int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
