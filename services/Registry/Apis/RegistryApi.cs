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
        api.MapGet("/{name}/versions", ListVersions).WithSummary("A model's versions with metrics and lineage, newest first, a page at a time (pageSize, pageToken; Link rel=next)");
        api.MapGet("/{name}/versions/{version:int}", GetVersion).WithSummary("One version");
        api.MapGet("/{name}/aliases", ListAliases).WithSummary("Aliases (champion, serving) and their history, newest move first, a page at a time (pageSize, pageToken; Link rel=next)");
        api.MapPut("/{name}/aliases/{alias}", PromoteManually).WithSummary("Make a version champion by hand; the Deployer rolls it out").RequireCaller();
        api.MapGet("/{name}/decisions", ListDecisions).WithSummary("The gate's decision for every challenger, newest first, a page at a time (pageSize, pageToken; Link rel=next)");
        api.MapGet("/{name}/failures", ListFailures).WithSummary("Training requests that produced no version");
        return app;
    }

    private static async Task<List<ModelSummary>> ListModels(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var models = await db.Models.Include(m => m.Aliases).AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
        // Versions are numbered 1, 2, 3… and never deleted, so the highest number is the count: one index seek per model, not a count over every version.
        var counts = await db.Models.Select(m => new { m.Id, Count = db.Versions.Where(v => v.ModelId == m.Id).Max(v => (int?)v.Version) ?? 0 }).ToDictionaryAsync(x => x.Id, x => x.Count, cancellationToken);
        return models.Select(m => new ModelSummary(
            m.Name,
            counts.GetValueOrDefault(m.Id),
            m.Aliases.SingleOrDefault(a => a.Name == ModelAlias.Champion)?.Version,
            m.Aliases.SingleOrDefault(a => a.Name == ModelAlias.Serving)?.Version,
            m.CreatedAt)).ToList();
    }

    private static async Task<Results<Ok<List<VersionView>>, ValidationProblem, ProblemHttpResult>> ListVersions(
        string name,
        [AsParameters] PageRequest page,
        RegistryDbContext db,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (page.Problems() is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (model is null)
        {
            return NotFound(name);
        }

        var versions = await db.Versions.AsNoTracking().Where(v => v.ModelId == model.Id).ReadPageAsync(v => v.Version, page, response, cancellationToken);
        return TypedResults.Ok(versions.Select(VersionViews.From).ToList());
    }

    private static async Task<Results<Ok<VersionView>, ProblemHttpResult>> GetVersion(string name, int version, RegistryDbContext db, CancellationToken cancellationToken)
    {
        // A join, not a subquery per version: the model by its name, then the version by (model, number), both through unique indexes.
        var found = await (
            from m in db.Models
            join v in db.Versions.AsNoTracking() on m.Id equals v.ModelId
            where m.Name == name && v.Version == version
            select v).SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? NoVersion(name, version)
            : TypedResults.Ok(VersionViews.From(found));
    }

    private static async Task<Results<Ok<AliasesView>, ValidationProblem, ProblemHttpResult>> ListAliases(
        string name,
        [AsParameters] PageRequest page,
        RegistryDbContext db,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (page.Problems() is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var model = await db.Models.Include(m => m.Aliases).AsNoTracking().SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (model is null)
        {
            return NotFound(name);
        }

        var history = await db.AliasChanges.AsNoTracking().Where(c => c.ModelId == model.Id).ReadPageAsync(c => c.Id, page, response, cancellationToken);
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

    private static async Task<Results<Ok<List<DecisionView>>, ValidationProblem, ProblemHttpResult>> ListDecisions(
        string name,
        [AsParameters] PageRequest page,
        RegistryDbContext db,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (page.Problems() is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (model is null)
        {
            return NotFound(name);
        }

        var decisions = await db.Decisions.AsNoTracking().Where(d => d.ModelId == model.Id).ReadPageAsync(d => d.Version, page, response, cancellationToken);

        // The page's challengers in one range read, however many versions the model has.
        var newest = decisions.Count > 0 ? decisions[0].Version : 0;
        var oldest = decisions.Count > 0 ? decisions[^1].Version : 0;
        var challengers = await db.Versions.AsNoTracking()
            .Where(v => v.ModelId == model.Id && v.Version >= oldest && v.Version <= newest)
            .ToDictionaryAsync(v => v.Version, cancellationToken);
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
