using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace MlOps.AppHost.Tests;

/// <summary>
/// The AppHost cannot be built here (no Aspire packages), so its wiring is checked as text against the
/// contract the services keep: docs/configuration.md, the projects on disk and the service URLs the code reads.
/// Renaming a key or a service on one side without the other fails here.
/// </summary>
public sealed partial class AppHostWiringTests(ITestOutputHelper output)
{
    private static readonly string[] PubSubKeys = ["MlOps__Transport", "MlOps__PubSub__EmulatorHost", "MlOps__PubSub__ProjectId", "MlOps__Artifacts__Root"];

    private readonly AppHostSource _appHost = AppHostSource.Load();

    [Fact]
    public void Every_variable_the_AppHost_sets_is_a_documented_key_or_a_standard_one()
    {
        var contract = ConfigurationContract.Load();
        var keys = _appHost.EnvironmentVariables().Select(v => v.Key).OfType<string>().Distinct().ToList();

        var undocumented = keys.Where(k => !contract.Allows(k)).ToList();

        output.WriteLine($"{keys.Count} variables checked against {contract.Keys.Count} keys in {ConfigurationContract.Document}: {string.Join(", ", keys)}");
        Assert.NotEmpty(keys);
        Assert.True(undocumented.Count == 0, $"not in {ConfigurationContract.Document} nor standard: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void The_AppHost_names_every_variable_it_sets_with_a_literal_so_the_contract_check_sees_it()
    {
        var computed = _appHost.EnvironmentVariables().Where(v => v.Key is null).Select(v => v.Value).ToList();

        Assert.True(computed.Count == 0, $"WithEnvironment without a literal key: {string.Join("; ", computed)}");
    }

    [Fact]
    public void Every_service_runs_over_PubSub_with_the_emulator_the_project_id_and_the_one_artifact_folder()
    {
        var services = _appHost.ProjectReferences.Where(p => p.StartsWith("services/", StringComparison.Ordinal)).ToList();

        var missing = (
            from project in services
            let resource = _appHost.ProjectResource(project)
            from key in PubSubKeys
            where resource is null || !_appHost.Sets(resource, key)
            select $"{project}: {key}").ToList();
        var transports = _appHost.EnvironmentVariables().Where(v => v.Key == "MlOps__Transport").Select(v => v.Value).ToList();

        output.WriteLine($"{services.Count} services × {PubSubKeys.Length} keys");
        Assert.Equal(5, services.Count);
        Assert.True(missing.Count == 0, $"not set: {string.Join(", ", missing)}");
        Assert.All(transports, value => Assert.StartsWith("\"PubSub\"", value, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_project_resource_is_a_referenced_executable_project_that_exists()
    {
        var projects = _appHost.Projects.ToList();
        var byClass = _appHost.ProjectReferences.ToDictionary(AppHostSource.ProjectsClassName);

        var unknown = projects.Where(r => !byClass.ContainsKey(r.ProjectType!)).Select(r => $"Projects.{r.ProjectType}").ToList();
        var absent = _appHost.ProjectReferences.Where(p => !File.Exists(Repository.PathOf(p))).ToList();
        var notExecutable = _appHost.ProjectReferences.Where(p => File.Exists(Repository.PathOf(p)) && !IsExecutable(p)).ToList();
        var unused = _appHost.ProjectReferences.Where(p => _appHost.ProjectResource(p) is null).ToList();

        output.WriteLine($"{projects.Count} project resources: {string.Join(", ", projects.Select(p => $"{p.Name} = Projects.{p.ProjectType}"))}");
        Assert.Equal(6, projects.Count);
        Assert.True(unknown.Count == 0, $"no ProjectReference in {AppHostSource.Project} generates {string.Join(", ", unknown)}");
        Assert.True(absent.Count == 0, $"referenced but not on disk: {string.Join(", ", absent)}");
        Assert.True(notExecutable.Count == 0, $"not executables (Aspire warns ASPIRE004): {string.Join(", ", notExecutable)}");
        Assert.True(unused.Count == 0, $"referenced but never added: {string.Join(", ", unused)}");
    }

    [Fact]
    public void Every_service_url_a_project_reads_comes_from_a_reference_to_a_resource_of_that_name()
    {
        var (reads, unresolved) = ServiceUrlReads.Scan();
        var problems = new List<string>();
        foreach (var read in reads)
        {
            if (_appHost.ProjectResource(read.Project) is not { } reader)
            {
                continue;
            }

            var key = $"services:{read.Service}:http:0 ({read.File})";
            if (_appHost.Named(read.Service) is not { } target)
            {
                problems.Add($"{key}: the AppHost has no resource named '{read.Service}'");
            }
            else if (!reader.References(target))
            {
                problems.Add($"{key}: '{reader.Name}' has no .WithReference({target.Variable ?? target.Name})");
            }
            else if (target.ProjectType is not null && !HasHttpLaunchProfile(ProjectOf(target)))
            {
                problems.Add($"{key}: '{target.Name}' has no http launch profile, so no endpoint named http");
            }
        }

        output.WriteLine($"{reads.Count} service URLs read: {string.Join(", ", reads.Select(r => $"{Path.GetFileNameWithoutExtension(r.Project)} reads {r.Service}"))}");
        Assert.True(unresolved.Count == 0, $"service URL keys built in a way this test cannot follow: {string.Join("; ", unresolved)}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(reads, r => r.Project == "services/Deployer/MlOps.Deployer.csproj" && r.Service == "predictor");
    }

    [Fact]
    public void Resource_names_are_valid_Aspire_names_so_the_service_variables_carry_them_verbatim()
    {
        var names = _appHost.Resources.Select(r => r.Name).ToList();

        var invalid = names.Where(n => n.Length > 64 || !ResourceName().IsMatch(n)).ToList();

        output.WriteLine($"{names.Count} resources: {string.Join(", ", names)}");
        Assert.True(invalid.Count == 0, $"invalid resource names: {string.Join(", ", invalid)}");
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "pubsub", "trainer", "registry", "deployer", "predictor", "drift-watcher", "loop-driver" });
    }

    [Fact]
    public void Nothing_waits_for_the_predictor_whose_health_needs_a_deployed_model()
    {
        var predictor = _appHost.ProjectResource("services/Predictor/MlOps.Predictor.csproj");

        Assert.NotNull(predictor);
        Assert.DoesNotContain(_appHost.Resources, r => r.WaitsFor(predictor));
        Assert.DoesNotContain("WithHttpHealthCheck(\"/health\")", predictor.Chain, StringComparison.Ordinal);
    }

    [Fact]
    public void The_AppHost_stays_out_of_the_CI_solution_and_has_a_solution_of_its_own()
    {
        var ci = Projects("MlOps.slnx");
        var aspire = Projects("MlOps.AppHost.slnx");

        Assert.DoesNotContain(AppHostSource.Project, ci);
        Assert.Contains(AppHostSource.Project, aspire);
        Assert.All(_appHost.ProjectReferences, p => Assert.Contains(p, aspire));
        Assert.All(aspire, p => Assert.True(File.Exists(Repository.PathOf(p)), $"{p} in MlOps.AppHost.slnx is not on disk"));
    }

    private static List<string> Projects(string solution) =>
        XDocument.Load(Repository.PathOf(solution)).Descendants("Project").Select(p => p.Attribute("Path")!.Value.Replace('\\', '/')).ToList();

    private string ProjectOf(AppHostResource resource) =>
        _appHost.ProjectReferences.Single(p => AppHostSource.ProjectsClassName(p) == resource.ProjectType);

    private static bool IsExecutable(string project)
    {
        var xml = XDocument.Load(Repository.PathOf(project)).Root!;
        return xml.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web"
            || xml.Descendants("OutputType").Any(o => o.Value.Equals("Exe", StringComparison.OrdinalIgnoreCase));
    }

    // Aspire takes a project's endpoints from its first Project launch profile; an http:// URL gives the endpoint "http".
    private static bool HasHttpLaunchProfile(string project)
    {
        var settings = Path.Combine(Path.GetDirectoryName(Repository.PathOf(project))!, "Properties", "launchSettings.json");
        if (!File.Exists(settings))
        {
            return false;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(settings));
        var profile = json.RootElement.GetProperty("profiles").EnumerateObject()
            .Select(p => p.Value)
            .FirstOrDefault(p => p.TryGetProperty("commandName", out var c) && c.GetString() == "Project");
        return profile.ValueKind == JsonValueKind.Object
            && profile.TryGetProperty("applicationUrl", out var urls)
            && urls.GetString()!.Split(';').Any(u => u.StartsWith("http://", StringComparison.Ordinal));
    }

    // Aspire's resource name rule: ASCII letters, digits and single hyphens, starting with a letter, not ending with a hyphen.
    [GeneratedRegex("^[a-zA-Z](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9]))*$")]
    private static partial Regex ResourceName();
}
