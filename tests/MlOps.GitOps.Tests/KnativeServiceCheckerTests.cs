using MlOps.GitOps.Loading;
using MlOps.GitOps.Rendering;

namespace MlOps.GitOps.Tests;

/// <summary>The structural checker itself must catch what Cloud Run would reject.</summary>
public sealed class KnativeServiceCheckerTests
{
    private static string Manifest() =>
        KnativeManifest.ToYaml(ServiceRenderer.Render(EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "staging"))[1]);

    [Theory]
    [InlineData("autoscaling.knative.dev/minScale: \"1\"", "autoscaling.knative.dev/minScale: 1", "must be a string")]
    [InlineData("apiVersion: serving.knative.dev/v1", "apiVersion: apps/v1", "must be 'serving.knative.dev/v1'")]
    [InlineData("run.googleapis.com/ingress: internal", "run.googleapis.com/ingress: private", "not an allowed value")]
    [InlineData("run.googleapis.com/execution-environment: gen2", "run.googleapis.com/execution-environment: gen1", "needs run.googleapis.com/execution-environment: gen2")]
    [InlineData("containerPort: 8080", "containerPort: \"8080\"", "must be an integer")]
    [InlineData("volumeMounts:\n        - name: artifacts", "volumeMounts:\n        - name: artefacts", "no volume named 'artefacts'")]
    [InlineData("  - percent: 100", "  - percent: 90", "add up to 90")]
    [InlineData("serviceAccountName:", "serviceAccount:", "not a field of this object")]
    [InlineData("        - name: MlOps__Transport\n          value: PubSub", "        - name: MlOps__Transport\n          value: PubSub\n        - name: PORT\n          value: \"9\"", "reserved by Cloud Run")]
    public void A_broken_manifest_is_rejected(string original, string broken, string reason)
    {
        var manifest = Manifest();
        Assert.Contains(original, manifest, StringComparison.Ordinal);

        var errors = KnativeServiceChecker.Check(manifest.Replace(original, broken, StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_are_rendered_as_secretKeyRef_with_the_version_as_key()
    {
        var manifest = Manifest();

        Assert.Contains("- name: ConnectionStrings__Registry\n          valueFrom:\n            secretKeyRef:\n              name: registry-db-connection\n              key: \"1\"\n", manifest, StringComparison.Ordinal);
        Assert.Empty(KnativeServiceChecker.Check(manifest));
    }
}
