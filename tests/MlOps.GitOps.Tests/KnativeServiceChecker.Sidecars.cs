using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace MlOps.GitOps.Tests;

/// <summary>
/// Cloud Run's multi-container rules: at most ten containers, exactly one (the ingress container) with a port, names that
/// are unique once there is more than one, and <c>run.googleapis.com/container-dependencies</c> as a JSON map from a
/// container to the containers it starts after, each of which needs a startup probe; no cycles.
/// </summary>
internal sealed partial class KnativeServiceChecker
{
    private const int MaxContainers = 10;

    private void Containers(YamlSequenceNode containers, string path, IReadOnlySet<string> volumes, string? dependencies)
    {
        var items = containers.Children.OfType<YamlMappingNode>().ToList();
        if (items.Count != containers.Children.Count)
        {
            errors.Add($"{path}: every container must be a mapping");
        }

        if (items.Count is 0 or > MaxContainers)
        {
            errors.Add($"{path}: expected 1 to {MaxContainers} containers, got {items.Count}");
        }

        var ingress = items.Count(c => c.Children.ContainsKey("ports"));
        if (ingress != 1)
        {
            errors.Add($"{path}: exactly one container (the ingress container) has ports, got {ingress}");
        }

        var names = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            Container(items[i], at, volumes, sidecar: !items[i].Children.ContainsKey("ports"));
            if (items.Count > 1 && !items[i].Children.ContainsKey("name"))
            {
                errors.Add($"{at}.name: required when there are several containers");
            }
            else if (items[i].Children.ContainsKey("name") && String(items[i], "name", at) is { } name && !names.TryAdd(name, items[i]))
            {
                errors.Add($"{at}.name: '{name}' is repeated");
            }
        }

        if (dependencies is not null)
        {
            Dependencies(dependencies, names);
        }

        LocalEndpoints(items, dependencies is null ? [] : Parse(dependencies));
    }

    private void Dependencies(string json, Dictionary<string, YamlMappingNode> containers)
    {
        const string at = "spec.template.metadata.annotations.run.googleapis.com/container-dependencies";
        var graph = Parse(json);
        if (graph is null)
        {
            errors.Add($"{at}: '{json}' is not a JSON object of container name to a list of container names");
            return;
        }

        foreach (var (container, needs) in graph)
        {
            foreach (var name in needs.Prepend(container).Where(n => !containers.ContainsKey(n)))
            {
                errors.Add($"{at}: no container named '{name}'");
            }

            foreach (var need in needs.Where(n => containers.TryGetValue(n, out var c) && !c.Children.ContainsKey("startupProbe")))
            {
                errors.Add($"{at}: '{need}' is a dependency and needs a startupProbe");
            }
        }

        if (graph.Keys.FirstOrDefault(start => Reaches(graph, start, start, [])) is { } cycle)
        {
            errors.Add($"{at}: '{cycle}' depends on itself");
        }
    }

    // A container sending to localhost reaches a sidecar only if that sidecar has started before it.
    private void LocalEndpoints(List<YamlMappingNode> containers, Dictionary<string, string[]>? graph)
    {
        foreach (var container in containers.Where(c => c.Children.ContainsKey("ports")))
        {
            var name = container.Children.TryGetValue(new YamlScalarNode("name"), out var n) ? (n as YamlScalarNode)?.Value ?? "" : "";
            if (container.Children.TryGetValue(new YamlScalarNode("env"), out var env) && env is YamlSequenceNode list
                && list.Children.OfType<YamlMappingNode>().Any(v => v.Children.TryGetValue(new YamlScalarNode("value"), out var value)
                    && value is YamlScalarNode { Value: { } text } && text.StartsWith("http://localhost:", StringComparison.Ordinal))
                && graph?.GetValueOrDefault(name) is not { Length: > 0 })
            {
                errors.Add($"spec.template.spec.containers: '{name}' sends to localhost but starts after no sidecar (run.googleapis.com/container-dependencies)");
            }
        }
    }

    private static Dictionary<string, string[]>? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string[]>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Reaches(Dictionary<string, string[]> graph, string from, string target, HashSet<string> seen) =>
        graph.TryGetValue(from, out var needs) && needs.Any(n => n == target || (seen.Add(n) && Reaches(graph, n, target, seen)));
}
