using System.Globalization;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;

namespace MlOps.GitOps.Diff;

/// <summary>What changes between two environments (or two versions of one), key by key: the environment, then each service.</summary>
public static class EnvironmentDiff
{
    public const string EnvironmentScope = "environment";

    public static IReadOnlyList<DiffEntry> Compare(EnvironmentSpec from, EnvironmentSpec to)
    {
        var entries = Compare(EnvironmentScope, Flatten(from), Flatten(to)).ToList();
        foreach (var name in ServiceNames.All)
        {
            entries.AddRange(Compare(name, Flatten(from, from.Find(name)), Flatten(to, to.Find(name))));
        }

        return entries;
    }

    /// <summary>The keys a reviewer reads for the environment as a whole.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(EnvironmentSpec spec)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["project"] = spec.Project,
            ["region"] = spec.Region,
            ["artifacts.bucket"] = spec.Artifacts.Bucket,
            ["artifacts.mountPath"] = spec.Artifacts.MountPath,
            ["logSink.name"] = spec.LogSink.Name,
            ["logSink.topic"] = spec.LogSink.Topic,
            ["build.github"] = $"{spec.Build.GitHubOwner}/{spec.Build.GitHubRepo}",
            ["build.serviceAccount"] = spec.Build.ServiceAccount,
            ["build.roles"] = string.Join(", ", spec.Build.Roles.Order(StringComparer.Ordinal)),
            ["build.ci"] = spec.Build.Ci ? "true" : "false",
        };
        foreach (var topic in spec.PubSub.Topics)
        {
            keys[$"pubsub.topics.{topic}"] = "present";
        }

        foreach (var subscription in spec.PubSub.Subscriptions)
        {
            keys[$"pubsub.subscriptions.{subscription.Name}"] = subscription.Topic;
        }

        return keys;
    }

    /// <summary>The keys a reviewer reads for one service: how it runs on Cloud Run and every environment variable; none for a service the environment does not run.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(EnvironmentSpec spec, ServiceSpec? service)
    {
        if (service is null)
        {
            return new Dictionary<string, string>();
        }

        var rendered = ServiceRenderer.Render(spec, service);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["image"] = rendered.Image,
            ["ingress"] = rendered.Ingress,
            ["serviceAccount"] = rendered.ServiceAccountEmail,
            ["minInstances"] = rendered.MinInstances.ToString(CultureInfo.InvariantCulture),
            ["maxInstances"] = rendered.MaxInstances.ToString(CultureInfo.InvariantCulture),
            ["cpu"] = rendered.Cpu,
            ["memory"] = rendered.Memory,
            ["port"] = rendered.Port.ToString(CultureInfo.InvariantCulture),
            ["roles"] = string.Join(", ", service.Roles.Order(StringComparer.Ordinal)),
        };
        if (rendered.CloudSqlInstance is { } instance)
        {
            keys["cloudSqlInstance"] = instance;
        }

        if (service.ActAs.Count > 0)
        {
            keys["actAs"] = string.Join(", ", service.ActAs);
        }

        if (service.Iap is { } iap)
        {
            keys["iap.access"] = string.Join(", ", iap.Access.Order(StringComparer.Ordinal));
            if (iap.Domain is { } domain)
            {
                keys["iap.domain"] = domain;
            }
        }

        foreach (var variable in rendered.Env)
        {
            keys[$"env.{variable.Name}"] = variable.Value.ToString()!;
        }

        return keys;
    }

    private static IEnumerable<DiffEntry> Compare(string scope, IReadOnlyDictionary<string, string> from, IReadOnlyDictionary<string, string> to)
    {
        foreach (var key in from.Keys.Union(to.Keys).Order(StringComparer.Ordinal))
        {
            var before = from.GetValueOrDefault(key);
            var after = to.GetValueOrDefault(key);
            if (before != after)
            {
                yield return new DiffEntry(scope, key, before, after);
            }
        }
    }
}
