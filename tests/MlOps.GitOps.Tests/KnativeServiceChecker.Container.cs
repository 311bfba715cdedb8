using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace MlOps.GitOps.Tests;

internal sealed partial class KnativeServiceChecker
{
    private void Container(YamlMappingNode container, string path, IReadOnlySet<string> volumes, bool sidecar = false)
    {
        Fields(container, path, ["name", "image", "ports", "env", "resources", "volumeMounts", "startupProbe", "livenessProbe", "command", "args"], sidecar ? ["image", "resources"] : ["image", "ports", "resources"]);
        if (String(container, "image", path) is { } image && !image.Contains('/'))
        {
            errors.Add($"{path}.image: '{image}' is not a registry image");
        }

        int? port = sidecar ? null : 8080;
        if (!sidecar && List(container, "ports", path) is { } ports)
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
        Strings(container, "command", path);
        Strings(container, "args", path);
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

    private void Strings(YamlMappingNode container, string key, string path)
    {
        if (List(container, key, path, required: false) is not { } list)
        {
            return;
        }

        foreach (var (item, i) in list.Children.Select((item, i) => (item, i)))
        {
            if (item is not YamlScalarNode scalar || (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && PlainType(scalar.Value!) != "string"))
            {
                errors.Add($"{path}.{key}[{i}]: expected a string");
            }
        }
    }

    /// <summary>A probe on the ingress container defaults to its port; a sidecar has none, so its probes name one.</summary>
    private void Probe(YamlMappingNode container, string key, string path, int? port)
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

            if (get.Children.ContainsKey("port") && Int(get, "port", $"{at}.httpGet", 1, 65535) is { } probePort && port is not null && probePort != port)
            {
                errors.Add($"{at}.httpGet.port: {probePort} is not the container port {port}");
            }
            else if (port is null && !get.Children.ContainsKey("port"))
            {
                errors.Add($"{at}.httpGet.port: required on a container without ports");
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

            Fields(volume, at, ["name", "csi", "secret"], ["name"]);
            if (String(volume, "name", at) is { } name && !names.Add(name))
            {
                errors.Add($"{at}.name: '{name}' is repeated");
            }

            if (volume.Children.ContainsKey("csi") == volume.Children.ContainsKey("secret"))
            {
                errors.Add($"{at}: needs exactly one of csi and secret");
            }

            if (volume.Children.ContainsKey("secret") && Map(volume, "secret", at) is { } secret)
            {
                SecretVolume(secret, $"{at}.secret");
            }

            if (volume.Children.ContainsKey("csi") && Map(volume, "csi", at) is { } csi)
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

    // Cloud Run reads a secret volume as: secretName = the Secret Manager secret, items[].key = its version, items[].path = the file name.
    private void SecretVolume(YamlMappingNode secret, string at)
    {
        Fields(secret, at, ["secretName", "items", "defaultMode"], ["secretName", "items"]);
        String(secret, "secretName", at);
        if (List(secret, "items", at) is not { } items)
        {
            return;
        }

        if (items.Children.Count == 0)
        {
            errors.Add($"{at}.items: expected at least one version to mount");
        }

        foreach (var (item, i) in items.Children.Select((item, i) => (item as YamlMappingNode, i)))
        {
            var itemAt = $"{at}.items[{i}]";
            if (item is null)
            {
                errors.Add($"{itemAt}: expected a mapping");
                continue;
            }

            Fields(item, itemAt, ["key", "path", "mode"], ["key", "path"]);
            if (String(item, "key", itemAt) is { } version && version != "latest" && !int.TryParse(version, out _))
            {
                errors.Add($"{itemAt}.key: '{version}' is not a secret version");
            }

            if (String(item, "path", itemAt) is { } file && (file.StartsWith('/') || file.Split('/').Contains("..")))
            {
                errors.Add($"{itemAt}.path: '{file}' must be a relative file name");
            }
        }
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
