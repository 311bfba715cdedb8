using Microsoft.Extensions.DependencyInjection;

namespace MlOps.AppHost.Tests;

/// <summary>
/// The AppHost's app model, built as F5 builds it but not started: every setting it hands a service
/// is a key that service reads (docs/configuration.md, which the GitOps tests hold to what each
/// service's modules declare), and every service is wired to the emulator and the artifact folder.
/// </summary>
public sealed class AppHostWiringTests
{
    private static readonly Dictionary<string, string> Services = new()
    {
        ["trainer"] = "trainer",
        ["registry"] = "registry",
        ["deployer"] = "deployer",
        ["predictor"] = "predictor",
        ["drift-watcher"] = "drift-watcher",
    };

    // Set for the process by Aspire (service discovery, endpoint variables such as PREDICTOR_HTTP) or for
    // ASP.NET Core itself, not read through the services' settings.
    private static readonly string[] Platform = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "HTTP_PORTS"];

    [Fact]
    public async Task Every_setting_the_AppHost_gives_a_service_is_a_key_that_service_reads()
    {
        var environment = await EnvironmentsAsync();

        var unread = (
            from resource in Services
            from variable in environment[resource.Key]
            let key = variable.Replace("__", ":", StringComparison.Ordinal)
            where !Standard(variable) && !ConfigurationDoc.Documents(key, resource.Value)
            select $"{resource.Key}: {variable}").ToList();

        Assert.True(unread.Count == 0, $"set by the AppHost but read by no code of that service: {string.Join(", ", unread)}");
    }

    [Fact]
    public async Task Every_service_gets_the_emulator_the_transport_and_the_one_artifact_folder()
    {
        var environment = await EnvironmentsAsync();

        Assert.All(Services.Keys, service =>
        {
            Assert.Contains("PUBSUB_EMULATOR_HOST", environment[service]);
            Assert.Contains("PUBSUB_PROJECT_ID", environment[service]);
            Assert.Contains("MlOps__Transport", environment[service]);
            Assert.Contains("MlOps__Artifacts__Root", environment[service]);
        });
    }

    [Fact]
    public async Task The_console_is_handed_the_four_services_it_reads_and_nothing_of_the_bus()
    {
        var environment = await EnvironmentsAsync();

        Assert.All(new[] { "registry", "trainer", "deployer", "drift-watcher" }, service => Assert.Contains($"services__{service}__http__0", environment["console"]));
        Assert.DoesNotContain("PUBSUB_EMULATOR_HOST", environment["console"]);
        Assert.DoesNotContain("MlOps__Artifacts__Root", environment["console"]);
    }

    private static bool Standard(string variable) =>
        Platform.Contains(variable)
        || variable.StartsWith("OTEL_", StringComparison.Ordinal)
        || variable.StartsWith("services__", StringComparison.Ordinal)
        || (variable.EndsWith("_HTTP", StringComparison.Ordinal) && variable == variable.ToUpperInvariant())
        || variable.StartsWith("DOTNET_", StringComparison.Ordinal)
        || variable.StartsWith("PUBSUB_", StringComparison.Ordinal)
        || variable.StartsWith("LOGGING__", StringComparison.OrdinalIgnoreCase)
        || variable is "ConnectionStrings__pubsub";

    /// <summary>The names of the variables each resource's callbacks set (values stay unresolved: nothing is started).</summary>
    private static async Task<Dictionary<string, List<string>>> EnvironmentsAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MlOps_AppHost>(["--Parameters:pubsub-mode=executable"]);
        await using var app = await builder.BuildAsync();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var execution = new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run);
        var found = new Dictionary<string, List<string>>();
        foreach (var resource in model.Resources.OfType<ProjectResource>())
        {
            var variables = new Dictionary<string, object>();
            var context = new EnvironmentCallbackContext(execution, resource, variables);
            foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(context);
            }

            found[resource.Name] = [.. variables.Keys];
        }

        return found;
    }
}
