using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;

namespace MlOps.GitOps.Tests;

/// <summary>Rendering with the digests a deploy build resolved: the manifest names the exact image, so a moved tag is a new revision.</summary>
public sealed class ImagePinTests
{
    private const string Predictor = "europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/predictor";

    [Fact]
    public void Rendering_with_a_resolved_digest_puts_the_digest_form_in_the_manifest()
    {
        var manifest = PredictorManifest("dev", $"predictor={Predictor}@{Digest('a')}");

        Assert.Contains($"image: {Predictor}@{Digest('a')}\n", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain($"{Predictor}:main", manifest, StringComparison.Ordinal);
        Assert.Empty(KnativeServiceChecker.Check(manifest));
    }

    [Fact]
    public void Two_builds_with_different_digests_render_different_manifests_and_the_same_digest_the_same_one()
    {
        var first = PredictorManifest("dev", $"predictor={Predictor}@{Digest('a')}");
        var second = PredictorManifest("dev", $"predictor={Predictor}@{Digest('b')}");
        var again = PredictorManifest("dev", $"predictor={Predictor}@{Digest('a')}");

        Assert.NotEqual(first, second);
        Assert.Equal(first, again);
        Assert.NotEqual(PredictorManifest("dev", ""), first);
    }

    [Fact]
    public void Pinning_a_digest_the_environment_already_pins_changes_nothing()
    {
        var staging = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "staging");
        var image = staging.Service(ServiceNames.Predictor).Image;

        Assert.Equal(PredictorManifest("staging", ""), PredictorManifest("staging", $"# resolved\n\npredictor={image}\n"));
    }

    [Theory]
    [InlineData("dev", "predictor=" + Predictor + ":v2", 1, "predictor", "is not an image pinned by digest")]
    [InlineData("dev", "predictor=europe-west1-docker.pkg.dev/acme-mlops-dev/other/predictor@sha256:" + "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", 1, "predictor", "is not an image of europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/predictor")]
    [InlineData("dev", "\nrouter=" + Predictor + "@sha256:" + "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", 2, "router", "not a service of dev")]
    [InlineData("staging", "predictor=" + Predictor + "@sha256:" + "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", 1, "predictor", "the environment pins")]
    [InlineData("dev", "predictor " + Predictor, 1, "", "is not service=image@sha256:<digest>")]
    public void A_pin_is_refused_unless_it_is_a_digest_of_the_repository_the_environment_runs(string environment, string pins, int line, string key, string reason)
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment);

        var problem = Assert.Single(Assert.Throws<EnvironmentException>(() => ImagePins.Apply(spec, ImagePins.Parse(pins, "pinned-images"), "pinned-images")).Problems);

        Assert.Equal(("pinned-images", line, key), (problem.File, problem.Line, problem.Key));
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
    }

    private static string PredictorManifest(string environment, string pins)
    {
        var spec = ImagePins.Apply(EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment), ImagePins.Parse(pins, "pinned-images"), "pinned-images");
        return KnativeManifest.ToYaml(ServiceRenderer.Render(spec, spec.Service(ServiceNames.Predictor)));
    }

    private static string Digest(char c) => "sha256:" + new string(c, 64);
}
