namespace MlOps.StandIns.Tests;

/// <summary>The project, location and caller the tests use, and a stand-in started for them.</summary>
internal static class Harness
{
    public const string Project = "acme-mlops-dev";
    public const string Location = "europe-west4";
    public const string Token = "ya29.registry";
    public const string Principal = "serviceAccount:mlops-registry@acme-mlops-dev.iam.gserviceaccount.com";
    public const string Parent = $"projects/{Project}/locations/{Location}";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static async Task<VertexAiStandIn> StartAsync(Func<VertexAiStandInOptions, VertexAiStandInOptions>? configure = null)
    {
        var options = new VertexAiStandInOptions
        {
            Project = Project,
            Location = Location,
            Principal = token => token == Token ? Principal : null,
            OperationDelay = TimeSpan.FromMilliseconds(50),
        };
        using var timeout = new CancellationTokenSource(Patience);
        return await VertexAiStandIn.StartAsync(configure?.Invoke(options) ?? options, timeout.Token);
    }
}
