using MlOps.GitOps.Model;
using MlOps.GitOps.Yaml;

namespace MlOps.GitOps.Loading;

/// <summary>Turns a merged tree into an <see cref="EnvironmentSpec"/>, reporting every missing, mistyped or unknown key.</summary>
internal static class EnvironmentBinder
{
    public static EnvironmentSpec? Bind(string name, MapNode merged, EnvironmentFiles files, BindContext context)
    {
        var root = new MapReader(merged, "", context);
        var project = root.String("project");
        var region = root.String("region");
        var artifacts = Artifacts(root.Map("artifacts"));
        var pubsub = PubSub(root.Map("pubsub"));
        var sink = Sink(root.Map("logSink"));
        var build = Build(root.Map("build"));
        var alerting = Alerting(root.Map("alerting", required: false));
        var services = Services(root.Map("services"), context);
        root.RejectUnknown();

        if (context.Problems.Count > 0 || project is null || region is null || artifacts is null || pubsub is null || sink is null || build is null || services is null)
        {
            return null;
        }

        return new EnvironmentSpec(name, project, region, artifacts, pubsub, sink, build, services, files, context.Sources) { Alerting = alerting };
    }

    private static ArtifactsSpec? Artifacts(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var bucket = map.String("bucket");
        var mountPath = map.String("mountPath");
        map.RejectUnknown();
        return bucket is null || mountPath is null ? null : new ArtifactsSpec(bucket, mountPath);
    }

    private static PubSubSpec? PubSub(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var topics = map.StringList("topics");
        var subscriptionMap = map.Map("subscriptions");
        List<SubscriptionSpec>? subscriptions = null;
        if (subscriptionMap is not null)
        {
            subscriptions = [];
            foreach (var key in subscriptionMap.Node.Keys.ToList())
            {
                if (subscriptionMap.String(key) is { } topic)
                {
                    subscriptions.Add(new SubscriptionSpec(key, topic));
                }
            }
        }

        map.RejectUnknown();
        return topics is null || subscriptions is null ? null : new PubSubSpec(topics, subscriptions);
    }

    private static LogSinkSpec? Sink(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var name = map.String("name");
        var topic = map.String("topic");
        var bigQuery = map.String("bigQueryDataset", required: false);
        var archive = map.Bool("archive", required: false) ?? false;
        map.RejectUnknown();
        return name is null || topic is null ? null : new LogSinkSpec(name, topic, bigQuery, archive);
    }

    private static AlertingSpec Alerting(MapReader? map)
    {
        if (map is null)
        {
            return AlertingSpec.None;
        }

        var emails = map.StringList("emails", required: false) ?? [];
        map.RejectUnknown();
        return new AlertingSpec(emails);
    }

    private static BuildSpec? Build(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var github = map.Map("github");
        var owner = github?.String("owner");
        var repo = github?.String("repo");
        github?.RejectUnknown();
        var account = map.String("serviceAccount");
        var roles = map.StringList("roles", required: false) ?? [];
        var ci = map.Bool("ci");
        map.RejectUnknown();
        return owner is null || repo is null || account is null || ci is null ? null : new BuildSpec(owner, repo, account, roles, ci.Value);
    }

    private static List<ServiceSpec>? Services(MapReader? map, BindContext context)
    {
        if (map is null)
        {
            return null;
        }

        // Every environment runs the loop's five services; the console is there when the environment has one.
        var services = new List<ServiceSpec>();
        var ok = true;
        foreach (var name in ServiceNames.All)
        {
            var required = ServiceNames.Loop.Contains(name);
            if (map.Map(name, required) is not { } service)
            {
                ok &= !required;
            }
            else if (Service(name, service, context) is { } spec)
            {
                services.Add(spec);
            }
            else
            {
                ok = false;
            }
        }

        map.RejectUnknown();
        return ok ? services : null;
    }

    private static ServiceSpec? Service(string name, MapReader map, BindContext context)
    {
        var image = map.String("image");
        var account = map.String("serviceAccount");
        var ingress = map.String("ingress");
        var isPublic = map.Bool("public", required: false) ?? false;
        var min = map.Int("minInstances");
        var max = map.Int("maxInstances");
        var cpu = map.String("cpu");
        var memory = map.String("memory");
        var port = map.Int("port");
        var cloudSql = map.String("cloudSqlInstance", required: false);
        var roles = map.StringList("roles", required: false) ?? [];
        var actAs = map.StringList("actAs", required: false) ?? [];
        var settings = Settings(map.Map("settings", required: false), context);
        var iap = Iap(map.Map("iap", required: false));
        map.RejectUnknown();

        if (image is null || account is null || ingress is null || min is null || max is null || cpu is null || memory is null || port is null || settings is null)
        {
            return null;
        }

        return new ServiceSpec(name, image, account, ingress, isPublic, min.Value, max.Value, cpu, memory, port.Value, cloudSql, roles, actAs, settings) { Iap = iap };
    }

    private static IapSpec? Iap(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var access = map.StringList("access");
        var domain = map.String("domain", required: false);
        map.RejectUnknown();
        return new IapSpec(access ?? [], domain);
    }

    private static List<Setting>? Settings(MapReader? map, BindContext context)
    {
        if (map is null)
        {
            return [];
        }

        var settings = new List<Setting>();
        var ok = true;
        foreach (var entry in map.Node.Entries)
        {
            var path = map.Path(entry.Key);
            context.Record(path, entry.Source);
            switch (entry.Value)
            {
                case ScalarNode { Type: ScalarType.Null }:
                    break;
                case ScalarNode scalar:
                    settings.Add(new Setting(entry.Key, new LiteralValue(scalar.Value)));
                    break;
                case MapNode secret:
                    var reader = new MapReader(secret, path, context);
                    var name = reader.String("secret");
                    var version = reader.String("version");
                    reader.RejectUnknown();
                    if (name is null || version is null)
                    {
                        ok = false;
                    }
                    else
                    {
                        settings.Add(new Setting(entry.Key, new SecretValue(name, version)));
                    }

                    break;
                default:
                    context.Wrong(path, entry.Source, "a setting is a single value or { secret: <name>, version: <n> }");
                    ok = false;
                    break;
            }
        }

        return ok ? settings : null;
    }
}
