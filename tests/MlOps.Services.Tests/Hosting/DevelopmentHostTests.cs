using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Hosting;

/// <summary>
/// Each service host as built, run as its own process in Development — where ASP.NET Core validates
/// DI scopes and the whole service graph on build, as it does under the AppHost (F5) — and taken
/// through its main path, so a scoped service resolved from the root fails here and not on F5.
/// </summary>
public sealed class DevelopmentHostTests : IDisposable
{
    private readonly TempDirectory _artifacts = new("mlops-development-hosts");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<ServiceProcess> _processes = [];

    public void Dispose()
    {
        _processes.ForEach(p => p.Dispose());
        _http.Dispose();
        _artifacts.Dispose();
    }

    [Fact]
    public async Task The_Predictor_serves_and_writes_its_prediction_log_in_Development()
    {
        var package = Packages.WriteStable(_artifacts.Path);
        var predictor = await StartAsync("Predictor", new() { ["Predictor__PackageUri"] = package, ["Predictor__LogToStdout"] = "false" });

        using var content = new StringContent(Requests.Valid, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync($"{predictor.Url}/v1/models/taxi-tips:predict", content);
        var written = await EventuallyAsync(predictor, async () => (await _http.GetFromJsonAsync<JsonElement>($"{predictor.Url}/admin/prediction-log")).GetProperty("written").GetInt64(), n => n >= 1, "the prediction log writer to send the entry");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, written);
        await AssertHealthyAsync(predictor);
    }

    [Fact]
    public async Task The_Trainer_trains_on_request_in_Development()
    {
        Datasets.WriteTaxi(_artifacts.Path, "taxi-tips", snapshots: 1, rows: 2000);
        var trainer = await StartAsync("Trainer", new() { ["Trainer__Parameters__trees"] = "10" });

        using var accepted = await _http.PostAsJsonAsync($"{trainer.Url}/api/training", new { model = "taxi-tips" });
        var runs = await EventuallyAsync(trainer, async () => await _http.GetFromJsonAsync<JsonElement>($"{trainer.Url}/api/training/runs"), r => r.GetArrayLength() > 0, "a finished training run");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("Trained", runs[0].GetProperty("outcome").GetString());
        await AssertHealthyAsync(trainer);
    }

    [Theory]
    [InlineData("Registry", "/api/models")]
    [InlineData("Deployer", "/api/deployments")]
    [InlineData("DriftWatcher", "/api/drift")]
    public async Task A_service_starts_and_answers_its_API_in_Development(string service, string path)
    {
        var process = await StartAsync(service, []);

        using var response = await _http.GetAsync(process.Url + path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertHealthyAsync(process);
    }

    private async Task<ServiceProcess> StartAsync(string service, Dictionary<string, string> settings)
    {
        settings["MlOps__Artifacts__Root"] = _artifacts.Path;
        var process = ServiceProcess.Start(service, LoopbackPort.Free(), settings, environmentName: "Development");
        _processes.Add(process);
        await EventuallyAsync(process, async () => await StatusAsync(process.Url + "/alive"), s => s == HttpStatusCode.OK, $"{service} to start");
        return process;
    }

    private async Task AssertHealthyAsync(ServiceProcess process)
    {
        // The Predictor's log writer and the consumers work in the background: give them a moment to fail.
        await Task.Delay(500);
        Assert.False(process.HasExited, $"{process.Name} exited with {process.ExitCode}:\n{process.Output()}");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(process.Url + "/health"));
        Assert.DoesNotContain("Cannot resolve scoped service", process.Output(), StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode?> StatusAsync(string url)
    {
        try
        {
            using var response = await _http.GetAsync(url);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<T> EventuallyAsync<T>(ServiceProcess process, Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited with {process.ExitCode} while waiting for {what}:\n{process.Output()}");
            }

            try
            {
                var value = await read();
                if (done(value))
                {
                    return value;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited 60 s for {what}:\n{process.Output()}");
            }

            await Task.Delay(100);
        }
    }
}
