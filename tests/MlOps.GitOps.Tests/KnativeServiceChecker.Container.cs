using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace MlOps.GitOps.Tests;

internal sealed partial class KnativeServiceChecker
{
    private void Container(YamlMappingNode container, string path, IReadOnlySet<string> volumes)
    {
        Fields(container, path, ["name", "image", "ports", "env", "resources", "volumeMounts", "startupProbe", "livenessProbe", "command", "args"], ["image", "ports", "resources"]);
        if (String(container, "image", path) is { } image && !image.Contains('/'))
        {
            errors.Add($"{path}.image: '{image}' is not a registry image");
        }

        var port = 8080;
        if (List(container, "ports", path) is { } ports)
        {
            if (ports.Children.Count != 1 || ports.Children[0] is not YamlMappingNode first)
            {
                errors.Add($"{path}.ports: expected exactly one port");
            }
            else
            {
                Fields(first, $"{path}.ports[0]", ["name", "containerPort"], ["containerPort"]);
                port = Int(first, "containerPort", $"{path}.ports[0]", 1, 65535) ?? port;
                if (first.Children.ContainsKey("name") && String(first, "name", $"{path}.ports[0]") is { } name && name is not ("http1" or "h2c"))
                {
                    errors.Add($"{path}.ports[0].name: '{name}' must be http1 or h2c");
                }
            }
        }

        Env(container, path);
        if (Map(container, "resources", path) is { } resources)
        {
            Fields(resources, $"{path}.resources", ["limits"], ["limits"]);
            if (Map(resources, "limits", $"{path}.resources") is { } limits)
            {
                Fields(limits, $"{path}.resources.limits", ["cpu", "memory"], ["cpu", "memory"]);
                String(limits, "cpu", $"{path}.resources.limits");
                String(limits, "memory", $"{path}.resources.limits");
            }
        }

        if (List(container, "volumeMounts", path, required: false) is { } mounts)
        {
            foreach (var (mount, i) in mounts.Children.Select((m, i) => (m as YamlMappingNode, i)))
            {
                var at = $"{path}.volumeMounts[{i}]";
                if (mount is null)
                {
                    errors.Add($"{at}: expected a mapping");
                    continue;
                }

                Fields(mount, at, ["name", "mountPath", "readOnly"], ["name", "mountPath"]);
                if (String(mount, "name", at) is { } name && !volumes.Contains(name))
                {
                    errors.Add($"{at}.name: no volume named '{name}'");
                }

                if (String(mount, "mountPath", at) is { } mountPath && !mountPath.StartsWith('/'))
                {
                    errors.Add($"{at}.mountPath: '{mountPath}' is not absolute");
                }
            }
        }

        Probe(container, "startupProbe", path, port);
        Probe(container, "livenessProbe", path, port);
    }

    private void Env(YamlMappingNode container, string path)
    {
        if (List(container, "env", path, required: false) is not { } env)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < env.Children.Count; i++)
        {
            var at = $"{path}.env[{i}]";
            if (env.Children[i] is not YamlMappingNode item)
            {
                errors.Add($"{at}: expected a mapping");
                continue;
            }

            Fields(item, at, ["name", "value", "valueFrom"], ["name"]);
            if (String(item, "name", at) is { } name && (ReservedEnv.Contains(name) || !names.Add(name)))
            {
                errors.Add($"{at}.name: '{name}' is reserved by Cloud Run or repeated");
            }

            var hasValue = item.Children.ContainsKey("value");
            var hasSource = item.Children.ContainsKey("valueFrom");
            if (hasValue == hasSource)
            {
                errors.Add($"{at}: needs exactly one of value and valueFrom");
            }
            else if (hasValue)
            {
                String(item, "value", at);
            }
            else if (Map(item, "valueFrom", at) is { } source)
            {
                Fields(source, $"{at}.valueFrom", ["secretKeyRef"], ["secretKeyRef"]);
                if (Map(source, "secretKeyRef", $"{at}.valueFrom") is { } secret)
                {
                    Fields(secret, $"{at}.valueFrom.secretKeyRef", ["name", "key"], ["name", "key"]);
                    String(secret, "name", $"{at}.valueFrom.secretKeyRef");
                    if (String(secret, "key", $"{at}.valueFrom.secretKeyRef") is { } version && version != "latest" && !int.TryParse(version, out _))
                    {
                        errors.Add($"{at}.valueFrom.secretKeyRef.key: '{version}' is not a secret version");
                    }
                }
            }
        }
    }

    private void Probe(YamlMappingNode container, string key, string path, int port)
    {
        if (Map(container, key, path) is not { } probe)
        {
            return;
        }

        var at = $"{path}.{key}";
        Fields(probe, at, ["httpGet", "initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold"], ["httpGet"]);
        if (Map(probe, "httpGet", at) is { } get)
        {
            Fields(get, $"{at}.httpGet", ["path", "port"], ["path"]);
            if (String(get, "path", $"{at}.httpGet") is { } probePath && !probePath.StartsWith('/'))
            {
                errors.Add($"{at}.httpGet.path: '{probePath}' must start with /");
            }

            if (get.Children.ContainsKey("port") && Int(get, "port", $"{at}.httpGet", 1, 65535) is { } probePort && probePort != port)
            {
                errors.Add($"{at}.httpGet.port: {probePort} is not the container port {port}");
            }
        }

        var period = probe.Children.ContainsKey("periodSeconds") ? Int(probe, "periodSeconds", at, 1, 3600) : 10;
        var timeout = probe.Children.ContainsKey("timeoutSeconds") ? Int(probe, "timeoutSeconds", at, 1, 3600) : 1;
        if (probe.Children.ContainsKey("failureThreshold"))
        {
            Int(probe, "failureThreshold", at, 1, 1000);
        }

        if (timeout > period)
        {
            errors.Add($"{at}: timeoutSeconds {timeout} exceeds periodSeconds {period}");
        }
    }

    private IReadOnlySet<string> Volumes(YamlMappingNode spec, string path, bool gen2)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (List(spec, "volumes", path, required: false) is not { } volumes)
        {
            return names;
        }

        for (var i = 0; i < volumes.Children.Count; i++)
        {
            var at = $"{path}.volumes[{i}]";
            if (volumes.Children[i] is not YamlMappingNode volume)
            {
                errors.Add($"{at}: expected a mapping");
                continue;
            }

            Fields(volume, at, ["name", "csi"], ["name", "csi"]);
            if (String(volume, "name", at) is { } name)
            {
                names.Add(name);
            }

            if (Map(volume, "csi", at) is { } csi)
            {
                Fields(csi, $"{at}.csi", ["driver", "readOnly", "volumeAttributes"], ["driver", "volumeAttributes"]);
                Equal(csi, "driver", "gcsfuse.run.googleapis.com", $"{at}.csi");
                if (csi.Children.ContainsKey("readOnly"))
                {
                    Bool(csi, "readOnly", $"{at}.csi");
                }

                if (Map(csi, "volumeAttributes", $"{at}.csi") is { } attributes)
                {
                    Fields(attributes, $"{at}.csi.volumeAttributes", ["bucketName", "mountOptions"], ["bucketName"]);
                    String(attributes, "bucketName", $"{at}.csi.volumeAttributes");
                }

                if (!gen2)
                {
                    errors.Add($"{at}.csi: a Cloud Storage volume needs run.googleapis.com/execution-environment: gen2");
                }
            }
        }

        return names;
    }

    private void Traffic(YamlMappingNode spec)
    {
        if (List(spec, "traffic", "spec", required: false) is not { } traffic)
        {
            return;
        }

        var total = 0;
        for (var i = 0; i < traffic.Children.Count; i++)
        {
            var at = $"spec.traffic[{i}]";
            if (traffic.Children[i] is not YamlMappingNode target)
            {
                errors.Add($"{at}: expected a mapping");
                continue;
            }

            Fields(target, at, ["percent", "latestRevision", "revisionName", "tag"], ["percent"]);
            total += Int(target, "percent", at, 0, 100) ?? 0;
            var latest = target.Children.ContainsKey("latestRevision") && Bool(target, "latestRevision", at) == true;
            if (latest == target.Children.ContainsKey("revisionName"))
            {
                errors.Add($"{at}: needs latestRevision: true or a revisionName");
            }
        }

        if (total != 100)
        {
            errors.Add($"spec.traffic: percents add up to {total.ToString(CultureInfo.InvariantCulture)}, not 100");
        }
    }
}
