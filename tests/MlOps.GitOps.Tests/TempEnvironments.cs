using MlOps.GitOps.Loading;
using MlOps.GitOps.Rendering;
using MlOps.GitOps.Yaml;

namespace MlOps.GitOps.Tests;

/// <summary>A copy of the repository's environments folder that a test may change.</summary>
internal sealed class TempEnvironments : IDisposable
{
    private readonly string root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlops-env-" + Guid.NewGuid().ToString("N"));

    public TempEnvironments()
    {
        var source = RepositoryFiles.Environments.Directory;
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Directory, System.IO.Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Directory => System.IO.Path.Combine(root, "environments");

    public EnvironmentsFolder Folder => new(Directory);

    public string FilePath(string environment) => System.IO.Path.Combine(Directory, environment, EnvironmentsFolder.FileName);

    public void Write(string environment, string yaml) => File.WriteAllText(FilePath(environment), yaml);

    /// <summary>Sets the key at a /-separated path in one file to a YAML value (<c>~</c> is written as is).</summary>
    public TempEnvironments Set(string environment, string path, string yamlValue) => Change(environment, path, yamlValue);

    /// <summary>Every environment without the console, from the base and each overlay.</summary>
    public TempEnvironments WithoutConsole()
    {
        foreach (var environment in Folder.Names().Append(EnvironmentsFolder.BaseName))
        {
            Remove(environment, "services/console");
        }

        return this;
    }

    /// <summary>The console without IAP on its Cloud Run service (no <c>iap</c> section, <c>iap.domain</c> included), from the base and each overlay.</summary>
    public TempEnvironments WithoutIapOnTheConsole()
    {
        foreach (var environment in Folder.Names().Append(EnvironmentsFolder.BaseName))
        {
            Remove(environment, "services/console/iap");
        }

        return this;
    }

    /// <summary>Deletes the key at a /-separated path from one file.</summary>
    public TempEnvironments Remove(string environment, string path) => Change(environment, path, null);

    private TempEnvironments Change(string environment, string path, string? yamlValue)
    {
        var file = FilePath(environment);
        var map = YamlFileReader.ReadMap(File.ReadAllText(file), file);
        var segments = path.Split('/');
        var parent = map;
        foreach (var segment in segments[..^1])
        {
            if (parent[segment] is not MapNode child)
            {
                child = new MapNode();
                parent.Set(segment, child);
            }

            parent = child;
        }

        if (yamlValue is null)
        {
            parent.Remove(segments[^1]);
        }
        else
        {
            parent.Set(segments[^1], YamlFileReader.ReadMap($"value: {yamlValue}", "value").Find("value")!.Value);
        }

        File.WriteAllText(file, YamlWriter.Write(map));
        return this;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
