using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace MlOps.Rehearsal.Manifests;

/// <summary>Reads a rendered Knative Service manifest back: the file is the contract, not the model that wrote it.</summary>
public static class ManifestReader
{
    public static ServiceManifest Read(string yaml, string source)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var name = Text(root, source, "metadata", "name");
        var template = Map(root, source, "spec", "template");
        var annotations = Find(template, "metadata", "annotations") as YamlMappingNode;
        var container = (YamlMappingNode)((YamlSequenceNode)Find(template, "spec", "containers")!).Children[0];
        var port = Find(container, "ports") is YamlSequenceNode { Children: [YamlMappingNode first, ..] } ? Number(first, "containerPort", 8080) : 8080;
        var env = new List<ManifestEnv>();
        if (Find(container, "env") is YamlSequenceNode list)
        {
            foreach (YamlMappingNode item in list.Children.Cast<YamlMappingNode>())
            {
                var variable = Scalar(item, "name") ?? throw new FormatException($"{source}: an env entry has no name");
                env.Add(Find(item, "valueFrom", "secretKeyRef") is YamlMappingNode secret
                    ? new ManifestEnv(variable, null, Scalar(secret, "name"), Scalar(secret, "key"))
                    : new ManifestEnv(variable, Scalar(item, "value") ?? ""));
            }
        }

        ProbeSpec? startup = Find(container, "startupProbe") is YamlMappingNode probe
            ? new ProbeSpec(
                Find(probe, "httpGet", "path") is YamlScalarNode { Value: { } path } ? path : "/",
                Number(probe, "periodSeconds", 10),
                Number(probe, "timeoutSeconds", 1),
                Number(probe, "failureThreshold", 3),
                Number(probe, "initialDelaySeconds", 0))
            : null;
        var top = Find(root, "metadata", "annotations") as YamlMappingNode;
        var mount = Find(container, "volumeMounts") is YamlSequenceNode { Children: [YamlMappingNode volume, ..] } ? Scalar(volume, "mountPath") : null;
        return new ServiceManifest(
            name,
            Scalar(container, "image") ?? throw new FormatException($"{source}: the container has no image"),
            port,
            Annotation(annotations, "autoscaling.knative.dev/minScale") ?? 0,
            Annotation(annotations, "autoscaling.knative.dev/maxScale") ?? 100,
            env,
            startup,
            mount,
            annotations is null ? null : Scalar(annotations, "run.googleapis.com/cloudsql-instances"),
            top is null ? "all" : Scalar(top, "run.googleapis.com/ingress") ?? "all",
            Find(template, "spec", "serviceAccountName") is YamlScalarNode { Value: { } account } ? account : null,
            top is not null && Scalar(top, "run.googleapis.com/iap-enabled") == "true");
    }

    private static int? Annotation(YamlMappingNode? annotations, string key) =>
        annotations is not null && Scalar(annotations, key) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    private static int Number(YamlMappingNode map, string key, int fallback) =>
        Scalar(map, key) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static YamlNode? Find(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    private static YamlMappingNode Map(YamlNode node, string source, params string[] path) =>
        Find(node, path) as YamlMappingNode ?? throw new FormatException($"{source}: {string.Join('.', path)} is missing");

    private static string Text(YamlNode node, string source, params string[] path) =>
        Find(node, path) is YamlScalarNode { Value: { } value } ? value : throw new FormatException($"{source}: {string.Join('.', path)} is missing");
}
