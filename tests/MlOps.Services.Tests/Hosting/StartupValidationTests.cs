namespace MlOps.Services.Tests.Hosting;

/// <summary>A service host given a setting it cannot run with refuses to start, and says which key and why.</summary>
public sealed class StartupValidationTests : IDisposable
{
    private readonly TempDirectory _artifacts = new("mlops-startup-validation");

    public void Dispose() => _artifacts.Dispose();

    [Theory]
    [InlineData("Deployer", "Deployer__Canary__TrafficPercent", "150", "Deployer:Canary:TrafficPercent")]
    [InlineData("Deployer", "Deployer__Database__Provider", "Postgres", "Deployer:Database:Provider")]
    [InlineData("DriftWatcher", "DriftWatcher__Thresholds__Numeric", "0", "DriftWatcher:Thresholds:Numeric")]
    [InlineData("DriftWatcher", "DriftWatcher__Thresholds__Features__trip_distance", "1.5", "DriftWatcher:Thresholds:Features")]
    [InlineData("Registry", "Registry__Gate__MinimumAuc", "0.2", "Registry:Gate:MinimumAuc")]
    [InlineData("Trainer", "Trainer__Parameters__trees", "-3", "Trainer:Parameters")]
    public async Task A_service_with_an_out_of_range_setting_refuses_to_start_naming_the_key(string service, string variable, string value, string key)
    {
        using var process = ServiceProcess.Start(service, LoopbackPort.Free(), new Dictionary<string, string>
        {
            ["MlOps__Artifacts__Root"] = _artifacts.Path,
            [variable] = value,
        });

        var exited = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exited, $"{service} kept running with {variable}={value}:\n{process.Output()}");
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains(key, process.Output(), StringComparison.Ordinal);
    }
}
