using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Platform.Identity;
using MlOps.Registry.Infrastructure;
using MlOps.Registry.Model;

namespace MlOps.Registry.Apis;

public static class RegistryApi
{
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/models").WithTags("Registry").RequireReader();
        api.MapGet("/", ListModels).WithSummary("Every registered model with its champion and serving versions");
        api.MapGet("/{name}/versions", ListVersions).WithSummary("A model's versions with metrics and lineage, newest first");
        api.MapGet("/{name}/versions/{version:int}", GetVersion).WithSummary("One version");
        api.MapGet("/{name}/aliases", ListAliases).WithSummary("Aliases (champion, serving) and their history");
        api.MapPut("/{name}/aliases/{alias}", PromoteManually).WithSummary("Make a version champion by hand; the Deployer rolls it out").RequireCaller();
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

    private static async Task<Results<Ok<List<VersionView>>, ProblemHttpResult>> ListVersions(string name, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (model is null)
        {
            return NotFound(name);
        }

        var versions = await db.Versions.AsNoTracking().Where(v => v.ModelId == model.Id).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        return TypedResults.Ok(versions.Select(VersionViews.From).ToList());
    }

    private static async Task<Results<Ok<VersionView>, ProblemHttpResult>> GetVersion(string name, int version, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var found = await db.Versions.AsNoTracking()
            .Where(v => db.Models.Any(m => m.Id == v.ModelId && m.Name == name) && v.Version == version)
            .SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? NoVersion(name, version)
            : TypedResults.Ok(VersionViews.From(found));
    }

    private static async Task<Results<Ok<AliasesView>, ProblemHttpResult>> ListAliases(string name, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var model = await db.Models.Include(m => m.Aliases).AsNoTracking().SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (model is null)
        {
            return NotFound(name);
        }

        var history = await db.AliasChanges.AsNoTracking().Where(c => c.ModelId == model.Id).OrderByDescending(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AliasesView(
            model.Aliases.ToDictionary(a => a.Name, a => a.Version),
            [.. history.Select(c => new AliasChangeView(c.Alias, c.FromVersion, c.ToVersion, c.Reason, c.ChangedAt))]));
    }

    // Only champion is set by hand: serving follows the Deployer's completed rollouts.
    private static async Task<Results<Ok<ModelPromoted>, ValidationProblem, ProblemHttpResult>> PromoteManually(string name, string alias, ManualPromotion body, ModelRegistry registry, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var problems = ModelFields.Problems("name", name, ("version", body.Version));
        if (alias != ModelAlias.Champion)
        {
            problems["alias"] = [alias == ModelAlias.Serving
                ? $"{ModelAlias.Serving} follows completed deployments and is not set by hand; set {ModelAlias.Champion}"
                : $"'{(alias.Length > 80 ? alias[..80] + "…" : alias)}' is not an alias that can be set: use {ModelAlias.Champion}"];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var promoted = await registry.PromoteManuallyAsync(name, body.Version, body.Reason ?? "requested through the API", cancellationToken);
        if (promoted is null)
        {
            return NoVersion(name, body.Version);
        }

        await publisher.Publish(promoted, cancellationToken);
        return TypedResults.Ok(promoted);
    }

    private static async Task<Results<Ok<List<DecisionView>>, ProblemHttpResult>> ListDecisions(string name, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (model is null)
        {
            return NotFound(name);
        }

        var decisions = await db.Decisions.AsNoTracking().Where(d => d.ModelId == model.Id).OrderByDescending(d => d.Version).ToListAsync(cancellationToken);
        var challengers = await db.Versions.AsNoTracking().Where(v => v.ModelId == model.Id).ToDictionaryAsync(v => v.Version, cancellationToken);
        return TypedResults.Ok(decisions.Select(d => new DecisionView(
            d.Version,
            d.Promoted,
            d.Reason,
            d.ChallengerAuc,
            d.ChampionAuc,
            d.ChampionVersion,
            new GatePolicyView(d.MinimumAuc, d.MinimumImprovement),
            d.DecidedAt,
            challengers.TryGetValue(d.Version, out var challenger) ? StoredMetrics.Of(challenger) : null,
            StoredMetrics.Read<ModelMetrics>(d.ChampionMetrics))).ToList());
    }

    private static async Task<Ok<List<FailureView>>> ListFailures(string name, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var failures = await db.Failures.AsNoTracking().Where(f => f.Model == name).OrderByDescending(f => f.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(failures.Select(f => new FailureView(f.RequestId, f.Reason, f.ErrorCount, JsonSerializer.Deserialize<List<string>>(f.Errors) ?? [], f.FailedAt)).ToList());
    }

    private static ProblemHttpResult NotFound(string name) => TypedResults.Problem($"no model named '{name}'", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult NoVersion(string name, int version) => TypedResults.Problem($"model '{name}' has no version {version}", statusCode: StatusCodes.Status404NotFound);
}
