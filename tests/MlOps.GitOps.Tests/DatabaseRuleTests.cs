using MlOps.GitOps.Loading;

namespace MlOps.GitOps.Tests;

/// <summary>
/// No SQLite on Cloud Run: on the Cloud Storage FUSE mount there is no file locking and the last write wins, so the
/// database corrupts; anywhere else the file is one per instance and goes with it.
/// </summary>
public sealed class DatabaseRuleTests
{
    private const string Remove = "<remove>";
    private const string Registry = "services/registry/settings/";
    private const string Deployer = "services/deployer/settings/";

    [Theory]
    [InlineData("dev", Registry + "Registry:Database:Provider=Sqlite|" + Registry + "ConnectionStrings:Registry=Data Source=/mnt/artifacts/registry.db",
        "services.registry.settings.ConnectionStrings:Registry", "the SQLite file /mnt/artifacts/registry.db is on the Cloud Storage FUSE mount /mnt/artifacts: it has no file locking and the last write wins")]
    [InlineData("dev", Registry + "Registry:Database:Provider=Sqlite|" + Registry + "ConnectionStrings:Registry=DataSource=/tmp/../mnt/artifacts/./db/registry.db;Cache=Shared",
        "services.registry.settings.ConnectionStrings:Registry", "is on the Cloud Storage FUSE mount /mnt/artifacts")]
    [InlineData("dev", Registry + "Registry:Database:Provider=Sqlite|" + Registry + "ConnectionStrings:Registry=" + Remove,
        "services.registry.settings.Registry:Database:Provider", "Sqlite without ConnectionStrings:Registry keeps the database in the artifact root /mnt/artifacts, the Cloud Storage FUSE mount")]
    [InlineData("staging", Deployer + "Deployer:Database:Provider=" + Remove + "|" + Deployer + "ConnectionStrings:Deployments=" + Remove,
        "services.deployer.settings.Deployer:Database:Provider", "Sqlite (the default) without ConnectionStrings:Deployments keeps the database in the artifact root")]
    [InlineData("prod", Registry + "ConnectionStrings:Registry=Data Source=/mnt/artifacts/registry.db",
        "services.registry.settings.ConnectionStrings:Registry", "is on the Cloud Storage FUSE mount")]
    [InlineData("dev", Registry + "Registry:Database:Provider=Sqlite|services/registry/maxInstances=3|" + Registry + "ConnectionStrings:Registry=Data Source=/tmp/registry.db",
        "services.registry.settings.ConnectionStrings:Registry", "each of up to 3 instances (maxInstances) would keep its own database")]
    [InlineData("dev", Registry + "Registry:Database:Provider=Sqlite|" + Registry + "ConnectionStrings:Registry={ secret: registry-db-connection, version: '1' }",
        "services.registry.settings.Registry:Database:Provider", "Sqlite keeps the database in a file, which on Cloud Run is lost with its instance")]
    public void SQLite_is_refused_naming_the_setting_and_the_reason(string environment, string edits, string key, string reason)
    {
        using var environments = new TempEnvironments();
        foreach (var edit in edits.Split('|'))
        {
            var (path, value) = (edit[..edit.IndexOf('=', StringComparison.Ordinal)], edit[(edit.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (value == Remove)
            {
                environments.Remove(environment, path);
            }
            else
            {
                environments.Set(environment, path, value.StartsWith('{') || !value.Contains('=') ? value : $"'{value}'");
            }
        }

        var problems = EnvironmentLoader.Check(environments.Folder, environment).Problems;

        Assert.True(
            problems.Any(p => p.File == $"environments/{environment}/environment.yaml" && p.Key == key && p.Message.Contains(reason, StringComparison.Ordinal)
                && p.Message.Contains("use PostgreSQL on Cloud SQL", StringComparison.Ordinal)),
            $"expected {key}: …{reason}… but got:\n{string.Join("\n", problems)}");
    }
}
