using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlOps.GitOps.Tests;

/// <summary>
/// Checks a manifest against the Knative serving.knative.dev/v1 Service that Cloud Run accepts: required fields, their
/// YAML types (annotations and env values are strings, ports and counts are integers), allowed annotation values,
/// references between mounts and volumes, and no field outside the ones Cloud Run documents for these objects.
/// Parsed with YamlDotNet independently of the renderer's own reader.
/// </summary>
internal sealed partial class KnativeServiceChecker
{
    private static readonly string[] ReservedEnv = ["PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION"];
    private readonly List<string> errors = [];

    public static IReadOnlyList<string> Check(string yaml)
    {
        var checker = new KnativeServiceChecker();
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return ["the manifest must be one YAML mapping"];
        }

        checker.Service(root);
        return checker.errors;
    }

    private void Service(YamlMappingNode root)
    {
        Fields(root, "", ["apiVersion", "kind", "metadata", "spec"], ["apiVersion", "kind", "metadata", "spec"]);
        Equal(root, "apiVersion", "serving.knative.dev/v1", "");
        Equal(root, "kind", "Service", "");
        if (Map(root, "metadata", "") is { } metadata)
        {
            Fields(metadata, "metadata", ["name", "namespace", "labels", "annotations"], ["name"]);
            if (String(metadata, "name", "metadata") is { } name && (name.Length > 49 || !DnsLabel().IsMatch(name)))
            {
                errors.Add($"metadata.name: '{name}' is not a Cloud Run service name (lowercase DNS label of at most 49 characters)");
            }

            StringMap(metadata, "labels", "metadata");
            if (StringMap(metadata, "annotations", "metadata") is { } annotations)
            {
                Annotations(annotations, "metadata.annotations", new Dictionary<string, Func<string, bool>>
                {
                    ["run.googleapis.com/ingress"] = v => v is "all" or "internal" or "internal-and-cloud-load-balancing",
                    ["run.googleapis.com/description"] = _ => true,
                    ["run.googleapis.com/launch-stage"] = v => v is "ALPHA" or "BETA" or "GA",
                    ["run.googleapis.com/iap-enabled"] = v => v is "true" or "false",
                });
            }
        }

        if (Map(root, "spec", "") is { } spec)
        {
            Fields(spec, "spec", ["template", "traffic"], ["template"]);
            if (Map(spec, "template", "spec") is { } template)
            {
                Template(template);
            }

            Traffic(spec);
        }
    }

    private void Template(YamlMappingNode template)
    {
        Fields(template, "spec.template", ["metadata", "spec"], ["spec"]);
        var gen2 = false;
        string? dependencies = null;
        if (Map(template, "metadata", "spec.template") is { } metadata)
        {
            Fields(metadata, "spec.template.metadata", ["name", "labels", "annotations"], []);
            StringMap(metadata, "labels", "spec.template.metadata");
            if (StringMap(metadata, "annotations", "spec.template.metadata") is { } annotations)
            {
                Annotations(annotations, "spec.template.metadata.annotations", new Dictionary<string, Func<string, bool>>
                {
                    ["autoscaling.knative.dev/minScale"] = v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _),
                    ["autoscaling.knative.dev/maxScale"] = v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max >= 1,
                    ["run.googleapis.com/execution-environment"] = v => v is "gen1" or "gen2",
                    ["run.googleapis.com/cpu-throttling"] = v => v is "true" or "false",
                    ["run.googleapis.com/startup-cpu-boost"] = v => v is "true" or "false",
                    ["run.googleapis.com/cloudsql-instances"] = v => v.Split(',').All(i => i.Split(':').Length == 3),
                    ["run.googleapis.com/container-dependencies"] = _ => true,
                    ["run.googleapis.com/sessionAffinity"] = v => v is "true" or "false",
                });
                dependencies = annotations.GetValueOrDefault("run.googleapis.com/container-dependencies");
                if (annotations.TryGetValue("autoscaling.knative.dev/minScale", out var min) && annotations.TryGetValue("autoscaling.knative.dev/maxScale", out var max)
                    && int.TryParse(min, out var minValue) && int.TryParse(max, out var maxValue) && minValue > maxValue)
                {
                    errors.Add($"spec.template.metadata.annotations: minScale {minValue} is above maxScale {maxValue}");
                }

                gen2 = annotations.GetValueOrDefault("run.googleapis.com/execution-environment") == "gen2";
            }
        }

        if (Map(template, "spec", "spec.template") is not { } spec)
        {
            return;
        }

        const string path = "spec.template.spec";
        Fields(spec, path, ["containers", "volumes", "serviceAccountName", "containerConcurrency", "timeoutSeconds"], ["containers", "serviceAccountName"]);
        if (String(spec, "serviceAccountName", path) is { } account && !account.EndsWith(".iam.gserviceaccount.com", StringComparison.Ordinal))
        {
            errors.Add($"{path}.serviceAccountName: '{account}' is not a service account email");
        }

        var volumes = Volumes(spec, path, gen2);
        if (List(spec, "containers", path) is { } containers)
        {
            Containers(containers, $"{path}.containers", volumes, dependencies);
        }
    }
}
