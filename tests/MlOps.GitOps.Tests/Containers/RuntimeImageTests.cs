using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MlOps.GitOps.Tests.Containers;

/// <summary>
/// lib_lightgbm.so (Microsoft.ML.LightGbm) links libgomp.so.1, which mcr.microsoft.com/dotnet/aspnet does not carry: every
/// service host whose dependencies include LightGbm builds its image on the base CI makes from it with libgomp1 added.
/// </summary>
public sealed partial class RuntimeImageTests
{
    private const string LightGbm = "Microsoft.ML.LightGbm";
    private static readonly CloudBuildFile Ci = CloudBuildFile.Load("cloudbuild.yaml");

    public static TheoryData<string> LightGbmHosts() => new(LightGbmHostProjects());

    [Fact]
    public void The_hosts_that_depend_on_LightGbm_are_found_through_their_project_references()
    {
        var hosts = LightGbmHostProjects().Select(Path.GetFileNameWithoutExtension).Order();

        Assert.Equal(["MlOps.Deployer.Host", "MlOps.DriftWatcher.Host", "MlOps.Predictor.Host", "MlOps.Trainer.Host"], hosts);
    }

    [Fact]
    public void CI_builds_the_libgomp_base_on_the_ASP_NET_runtime_after_the_tests_and_before_any_service_image()
    {
        var script = Ci.Script("runtime-base");

        Assert.Matches(@"FROM \$_ASPNET_IMAGE", script);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", CloudBuildFile.Scalar((YamlDotNet.RepresentationModel.YamlMappingNode)Ci.Root["substitutions"], "_ASPNET_IMAGE"));
        Assert.Matches(@"apt-get install -y --no-install-recommends libgomp1", script);
        Assert.Contains("docker push \"$$image\"", script, StringComparison.Ordinal);
        Assert.Contains("if [ -n \"$_PR_NUMBER\" ]; then", script, StringComparison.Ordinal);
        Assert.Superset(new HashSet<string> { "test", "validate-environments" }, Ci.Before("runtime-base").ToHashSet());
        var publishing = Ci.Ids.Where(id => Ci.Script(id).Split('\n').Any(l => l.Contains("|| dotnet publish ", StringComparison.Ordinal))).ToList();
        Assert.Equal(6, publishing.Count);
        Assert.All(publishing, id => Assert.Contains("runtime-base", Ci.Before(id)));
    }

    [Theory]
    [MemberData(nameof(LightGbmHosts))]
    public void A_host_that_depends_on_LightGbm_is_published_on_the_base_that_carries_libgomp(string project)
    {
        var publish = Assert.Single(Ci.Ids, id => Ci.Script(id).Contains($"dotnet publish {project}", StringComparison.Ordinal));
        var passed = LibgompArgument().Match(Ci.Script(publish));
        Assert.True(passed.Success, $"{publish} does not pass -p:LibgompBaseImage");
        Assert.Equal(BaseImage(), passed.Groups["image"].Value);

        var resolved = Evaluate(project, "-p:LibgompBaseImage=europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/aspnet-libgomp:10.0");

        Assert.Equal("europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/aspnet-libgomp:10.0", resolved);
    }

    [Fact]
    public void Publishing_a_LightGbm_host_without_the_libgomp_base_is_refused_rather_than_built_on_the_plain_runtime()
    {
        var run = ToolProcess.Run(ToolProcess.Dotnet, ["msbuild", "services/Trainer.Host/MlOps.Trainer.Host.csproj", "-t:ComputeContainerBaseImage", "-nologo"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("MLOPS001", run.Output + run.Error, StringComparison.Ordinal);
    }

    private static string BaseImage() => ImageVariable().Match(Ci.Script("runtime-base")) is { Success: true } m
        ? m.Groups["image"].Value
        : throw new InvalidOperationException("the runtime-base step names no image");

    // The image the SDK builds on, as MSBuild computes it for `-t:PublishContainer`.
    private static string Evaluate(string project, params string[] properties)
    {
        var run = ToolProcess.Run(ToolProcess.Dotnet, ["msbuild", project, "-t:ComputeContainerBaseImage", "-getProperty:ContainerBaseImage", "-nologo", .. properties]);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        return run.Output.Trim();
    }

    private static IEnumerable<string> LightGbmHostProjects() => Hosts().Where(h => PackageClosure(h).Contains(LightGbm));

    private static IEnumerable<string> Hosts() =>
        Directory.EnumerateFiles(Path.Combine(Repository.Root, "services"), "*.Host.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(p => Path.GetRelativePath(Repository.Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>The packages a project references itself or through any project it references.</summary>
    private static HashSet<string> PackageClosure(string project)
    {
        var packages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(Path.Combine(Repository.Root, project))]);
        while (pending.TryPop(out var path))
        {
            if (!seen.Add(path))
            {
                continue;
            }

            var xml = XDocument.Load(path);
            packages.UnionWith(xml.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value));
            foreach (var reference in xml.Descendants("ProjectReference").Select(r => r.Attribute("Include")!.Value.Replace('\\', '/')))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference)));
            }
        }

        return packages;
    }

    [GeneratedRegex(@"-p:LibgompBaseImage=(?<image>\S+)")]
    private static partial Regex LibgompArgument();

    [GeneratedRegex("image=\"(?<image>[^\"]+)\"")]
    private static partial Regex ImageVariable();
}
