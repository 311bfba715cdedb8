using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Registry.Infrastructure;

/// <summary>A seeded Registry: its host, how many versions it holds and the history that made them.</summary>
internal sealed class Target(RegistryHost host, int versions, History history)
{
    public const string Model = "taxi";

    private readonly Random _random = new(versions);

    public RegistryHost Host { get; } = host;

    public int Versions { get; } = versions;

    public int AnyVersion() => _random.Next(1, Versions + 1);

    /// <summary>GET a path and read the whole body; the byte count tells whether the answer stays bounded.</summary>
    public async Task<long> GetAsync(string path)
    {
        using var response = await Host.Http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        return body.Length;
    }

    /// <summary>
    /// What the ModelTrained consumer does for a new challenger: register it, compare it with the champion on
    /// its holdout, record the decision (and move the champion when it wins). Inside a transaction rolled back
    /// afterwards, so that every call sees the same state.
    /// </summary>
    public async Task<long> GateAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var registry = scope.ServiceProvider.GetRequiredService<ModelRegistry>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var registration = await registry.RegisterAsync(history.Next(), CancellationToken.None);
        await transaction.RollbackAsync();
        return registration.Registered.Version == Versions + 1 ? 0 : throw new InvalidOperationException($"the challenger became v{registration.Registered.Version}, not v{Versions + 1}");
    }
}

/// <summary>One measured operation and the call that performs it once.</summary>
internal sealed record Operation(string Name, Func<Target, Task<long>> Call)
{
    public static IReadOnlyList<Operation> All { get; } =
    [
        new("list versions (first page)", t => t.GetAsync($"/api/models/{Target.Model}/versions")),
        new("list versions (20 from the middle)", t => t.GetAsync($"/api/models/{Target.Model}/versions?pageSize=20&pageToken={t.Versions / 2}")),
        new("get one version", t => t.GetAsync($"/api/models/{Target.Model}/versions/{t.AnyVersion()}")),
        new("latest version (page of one)", t => t.GetAsync($"/api/models/{Target.Model}/versions?pageSize=1")),
        new("models with champion and serving", t => t.GetAsync("/api/models")),
        new("aliases (champion, serving, history)", t => t.GetAsync($"/api/models/{Target.Model}/aliases")),
        new("list decisions (first page)", t => t.GetAsync($"/api/models/{Target.Model}/decisions")),
        new("gate: ModelTrained → decision", t => t.GateAsync()),
    ];
}
