using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;
using MlOps.GitOps.Validation;

namespace MlOps.GitOps.Tests;

/// <summary>docs/configuration.md is the contract: every variable the renderer emits must be a key documented for that service.</summary>
public sealed class ConfigurationContractTests
{
    public static TheoryData<string> Environments() => new(RepositoryFiles.Environments.Names());

    [Fact]
    public void The_configuration_doc_is_parsed_into_keys_per_section()
    {
        Assert.Contains(("Registry:Gate:MinimumAuc", "Registry"), ConfigurationDoc.Keys);
        Assert.Contains(("OTEL_SERVICE_NAME", ConfigurationDoc.EveryService), ConfigurationDoc.Keys);
        Assert.Equal("drift-watcher", ConfigurationDoc.Service("DriftWatcher"));
        Assert.True(ConfigurationDoc.Documents("DriftWatcher:Thresholds:Features:trip_distance", "drift-watcher"));
        Assert.False(ConfigurationDoc.Documents("Registry:Gate:MinimumAUC", "registry"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_environment_variable_rendered_is_a_documented_key_of_its_service(string environment)
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment);

        foreach (var service in ServiceRenderer.Render(spec))
        {
            Assert.All(service.Env, variable => Assert.True(
                ConfigurationDoc.Documents(variable.ConfigurationKey, service.Name),
                $"{environment}/{service.Name}: {variable.Name} ({variable.ConfigurationKey}) is not documented for {service.Name} in docs/configuration.md"));
        }
    }

    [Fact]
    public void Every_key_the_validator_knows_is_documented_under_each_service_that_reads_it()
    {
        foreach (var definition in SettingCatalog.All)
        {
            var key = definition.With("x");
            var section = ConfigurationDoc.SectionOf(key);
            Assert.True(section is not null, $"{definition.Key} is not in docs/configuration.md");
            if (definition.Service is null)
            {
                Assert.Equal(ConfigurationDoc.EveryService, section);
                continue;
            }

            Assert.NotEqual(ConfigurationDoc.EveryService, section);
            Assert.All(definition.Readers, reader => Assert.True(ConfigurationDoc.Documents(key, reader), $"{definition.Key} is not documented under {reader}"));
        }
    }

    [Fact]
    public void A_key_a_few_services_share_is_documented_under_each_of_them_and_no_other()
    {
        var definition = SettingCatalog.Find("MlOps:Google:Project")!;

        Assert.Equal([ServiceNames.Registry, ServiceNames.Deployer, ServiceNames.Trainer, ServiceNames.DriftWatcher], definition.Readers);
        Assert.All(ServiceNames.All, service => Assert.Equal(definition.Readers.Contains(service), ConfigurationDoc.Documents(definition.Key, service)));
    }

    [Fact]
    public void A_misspelt_key_would_not_be_documented()
    {
        using var environments = new TempEnvironments();
        environments.Set("dev", "services/registry/settings/Registry:Gate:MinimumAUC", "0.8");

        var check = EnvironmentLoader.Check(environments.Folder, "dev");

        Assert.False(ConfigurationDoc.Documents("Registry:Gate:MinimumAUC", "registry"));
        Assert.Contains(check.Problems, p => p.Key.EndsWith("Registry:Gate:MinimumAUC", StringComparison.Ordinal) && p.Message.Contains("did you mean 'Registry:Gate:MinimumAuc'", StringComparison.Ordinal));
    }
}
