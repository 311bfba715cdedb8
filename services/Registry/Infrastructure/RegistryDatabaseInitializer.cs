using Microsoft.EntityFrameworkCore;

namespace MlOps.Registry.Infrastructure;

/// <summary>Creates the registry schema at start-up when the database is new.</summary>
public sealed class RegistryDatabaseInitializer(IServiceScopeFactory scopes, ILogger<RegistryDatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        if (await db.Database.EnsureCreatedAsync(cancellationToken))
        {
            logger.LogInformation("Created the registry database ({Provider})", db.Database.ProviderName);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
