using MlOps.GitOps.Loading;
using MlOps.GitOps.Rendering;

namespace MlOps.GitOps.Tests.Telemetry;

/// <summary>The structural checker catches what Cloud Run refuses, or what would lose telemetry, in a service with a sidecar.</summary>
public sealed class KnativeServiceCheckerSidecarTests
{
    private static string Manifest() =>
        KnativeManifest.ToYaml(ServiceRenderer.Render(EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "staging"))[1]);

    [Theory]
    [InlineData("'{\"registry\":[\"otel-collector\"]}'", "'{\"registry\":[\"collector\"]}'", "no container named 'collector'")]
    [InlineData("'{\"registry\":[\"otel-collector\"]}'", "'{\"otel-collector\":[\"registry\"],\"registry\":[\"otel-collector\"]}'", "depends on itself")]
    [InlineData("'{\"registry\":[\"otel-collector\"]}'", "registry after otel-collector", "is not a JSON object")]
    [InlineData("        run.googleapis.com/container-dependencies: '{\"registry\":[\"otel-collector\"]}'\n", "", "sends to localhost but starts after no sidecar")]
    [InlineData("      - name: otel-collector\n", "      - name: registry\n", "'registry' is repeated")]
    [InlineData("        args:\n        - --config=", "        ports:\n        - containerPort: 4317\n        args:\n        - --config=", "exactly one container (the ingress container) has ports, got 2")]
    [InlineData("            path: /\n            port: 13133\n          periodSeconds: 5", "            path: /\n          periodSeconds: 5", "required on a container without ports")]
    [InlineData("          - key: latest\n", "          - key: newest\n", "'newest' is not a secret version")]
    [InlineData("            path: config.yaml", "            path: ../config.yaml", "must be a relative file name")]
    [InlineData("        - name: otel-collector-config\n          mountPath:", "        - name: otel-config\n          mountPath:", "no volume named 'otel-config'")]
    public void A_broken_sidecar_is_rejected(string original, string broken, string reason)
    {
        var manifest = Manifest();
        Assert.Contains(original, manifest, StringComparison.Ordinal);

        var errors = KnativeServiceChecker.Check(manifest.Replace(original, broken, StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_dependency_without_a_startup_probe_is_rejected()
    {
        var manifest = Manifest();
        var start = manifest.IndexOf("      - name: otel-collector\n", StringComparison.Ordinal);
        var probe = manifest.IndexOf("        startupProbe:", start, StringComparison.Ordinal);
        var liveness = manifest.IndexOf("        livenessProbe:", probe, StringComparison.Ordinal);

        var errors = KnativeServiceChecker.Check(manifest.Remove(probe, liveness - probe));

        Assert.Contains(errors, e => e.Contains("'otel-collector' is a dependency and needs a startupProbe", StringComparison.Ordinal));
    }
}
