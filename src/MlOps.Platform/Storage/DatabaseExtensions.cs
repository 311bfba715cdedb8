using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Configuration;

namespace MlOps.Platform.Storage;

public static class DatabaseExtensions
{
    /// <summary>
    /// A service's database: PostgreSQL (Cloud SQL) with <c>ConnectionStrings:{connectionName}</c>, or a
    /// SQLite file, by default <paramref name="sqliteFile"/> in the artifact folder. The schema is created
    /// at start-up when the database is new, and a health check tells whether it can be reached.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName, Func<IServiceProvider, DatabaseOptions> options, string sqliteFile)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var key = $"ConnectionStrings:{connectionName}";
        var connection = builder.ReadSetting(key);
        builder.AddArtifactStore();
        builder.Services.AddDbContext<TContext>((services, context) =>
        {
            switch (options(services).Provider)
            {
                case DatabaseProvider.PostgreSQL:
                    context.UseNpgsql(connection ?? throw new InvalidOperationException($"{key} is required for PostgreSQL"));
                    break;
                default:
                    var root = services.GetRequiredService<ArtifactStore>().Root;
                    Directory.CreateDirectory(root);
                    context.UseSqlite(connection ?? $"Data Source={Path.Combine(root, sqliteFile)}");
                    break;
            }
        });
        builder.Services.AddHostedService<DatabaseInitializer<TContext>>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>($"{connectionName.ToLowerInvariant()}-database", tags: ["started"]); // ServiceDefaults' StartedTag: the startup probe waits for the database
        return builder;
    }
}
