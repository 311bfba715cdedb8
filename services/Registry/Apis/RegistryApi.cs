using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using MlOps.Registry.Infrastructure;
using MlOps.Registry.Model;

namespace MlOps.Registry.Apis;

public static class RegistryApi
{
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/models").WithTags("Registry");
        api.MapGet("/", ListModels).WithSummary("Every registered model with its champion and serving versions");
        api.MapGet("/{name}/versions", ListVersions).WithSummary("A model's versions with metrics and lineage, newest first");
        api.MapGet("/{name}/versions/{version:int}", GetVersion).WithSummary("One version");
        api.MapGet("/{name}/aliases", ListAliases).WithSummary("Aliases (champion, serving) and their history");
        api.MapPut("/{name}/aliases/champion", PromoteManually).WithSummary("Make a version champion by hand; the Deployer rolls it out");
        api.MapGet("/{name}/decisions", ListDecisions).WithSummary("The gate's decision for every challenger");
        api.MapGet("/{name}/failures", ListFailures).WithSummary("Training requests that produced no version");
        return app;
    }

    private static async Task<List<ModelSummary>> ListModels(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var models = await db.Models.Include(m => m.Aliases).AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
        var counts = await db.Versions.GroupBy(v => v.ModelId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return models.Select(m => new ModelSummary(
            m.Name,
            counts.GetValueOrDefault(m.Id),
            m.Aliases.SingleOrDefault(a => a.Name == ModelAlias.Champion)?.Version,
            m.Aliases.SingleOrDefault(a => a.Name == ModelAlias.Serving)?.Version,
            m.CreatedAt)).ToList();
    }

    private static async Task<IResult> ListVersions(string name, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (model is null)
        {
            return NotFound(name);
        }

        var versions = await db.Versions.AsNoTracking().Where(v => v.ModelId == model.Id).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        return TypedResults.Ok(versions.Select(VersionView.From));
    }

    private static async Task<IResult> GetVersion(string name, int version, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var found = await db.Versions.AsNoTracking()
            .Where(v => db.Models.Any(m => m.Id == v.ModelId && m.Name == name) && v.Version == version)
            .SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? TypedResults.Problem($"model '{name}' has no version {version}", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(VersionView.From(found));
    }

    private static async Task<IResult> ListAliases(string name, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var model = await db.Models.Include(m => m.Aliases).AsNoTracking().SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (model is null)
        {
            return NotFound(name);
        }

        var history = await db.AliasChanges.AsNoTracking().Where(c => c.ModelId == model.Id).OrderByDescending(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new
        {
            aliases = model.Aliases.ToDictionary(a => a.Name, a => a.Version),
            history = history.Select(c => new { c.Alias, c.FromVersion, c.ToVersion, c.Reason, c.ChangedAt }),
        });
    }

    private static async Task<IResult> PromoteManually(string name, ManualPromotion body, ModelRegistry registry, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        if (body.Version <= 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["must be a positive version number"] });
        }

        var promoted = await registry.PromoteManuallyAsync(name, body.Version, body.Reason ?? "requested through the API", cancellationToken);
        if (promoted is null)
        {
            return TypedResults.Problem($"model '{name}' has no version {body.Version}", statusCode: StatusCodes.Status404NotFound);
        }

        await publisher.Publish(promoted, cancellationToken);
        return TypedResults.Ok(promoted);
    }

    private static async Task<IResult> ListDecisions(string name, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        return model is null
            ? NotFound(name)
            : TypedResults.Ok(await db.Decisions.AsNoTracking().Where(d => d.ModelId == model.Id).OrderByDescending(d => d.Version)
                .Select(d => new { d.Version, d.Promoted, d.Reason, d.ChallengerAuc, d.ChampionAuc, d.ChampionVersion, policy = new { d.MinimumAuc, d.MinimumImprovement }, d.DecidedAt })
                .ToListAsync(cancellationToken));
    }

    private static async Task<IResult> ListFailures(string name, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var failures = await db.Failures.AsNoTracking().Where(f => f.Model == name).OrderByDescending(f => f.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(failures.Select(f => new { f.RequestId, f.Reason, f.ErrorCount, errors = JsonSerializer.Deserialize<List<string>>(f.Errors), f.FailedAt }));
    }

    private static IResult NotFound(string name) => TypedResults.Problem($"no model named '{name}'", statusCode: StatusCodes.Status404NotFound);
}

public sealed record ModelSummary(string Name, int Versions, int? Champion, int? Serving, DateTime CreatedAt);

public sealed record ManualPromotion(int Version, string? Reason = null);

public sealed record VersionView(
    int Version,
    string Status,
    string PackageUri,
    double Auc,
    double Accuracy,
    double F1,
    double Precision,
    double Recall,
    double LogLoss,
    long HoldoutRows,
    LineageView Lineage,
    DateTime TrainedAt,
    DateTime RegisteredAt)
{
    public static VersionView From(ModelVersion v) => new(
        v.Version, v.Status.ToString(), v.PackageUri, v.Auc, v.Accuracy, v.F1, v.Precision, v.Recall, v.LogLoss, v.HoldoutRows,
        new LineageView(v.RunId, v.DatasetFingerprint, JsonSerializer.Deserialize<List<string>>(v.DatasetFiles) ?? [], v.DatasetRows, v.CodeVersion, v.Trainer, v.Seed, v.Reason, v.DriftAlertId, v.ParentVersion),
        v.TrainedAt, v.RegisteredAt);
}

public sealed record LineageView(Guid RunId, string DatasetFingerprint, List<string> DatasetFiles, long DatasetRows, string CodeVersion, string Trainer, int Seed, string Reason, Guid? DriftAlertId, int? ParentVersion);
