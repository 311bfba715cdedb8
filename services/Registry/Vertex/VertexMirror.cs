using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOps.GoogleApis;
using MlOps.GoogleApis.Vertex;
using MlOps.Registry.Infrastructure;
using MlOps.Registry.Model;

namespace MlOps.Registry.Vertex;

/// <summary>
/// Mirrors the registry into the Vertex AI Model Registry: each model is one Vertex AI model (its ID is
/// the model's name) and each version one of its versions — uploaded with the Predictor image as the
/// serving container and the package's gs:// URI as its artifact, its holdout metrics imported as an
/// evaluation — and our aliases become its version aliases. Every step first looks for what an
/// earlier attempt did (versions carry the labels <c>mlops-version</c> and <c>mlops-request</c>), so a
/// crash or a repeat creates nothing twice; operations are followed to the end before anything is recorded.
/// </summary>
public sealed class VertexMirror(RegistryDbContext db, VertexAiClient vertex, IOptions<RegistryOptions> registry, IOptions<GoogleApiOptions> google, TimeProvider time, ILogger<VertexMirror> logger)
{
    public const string VersionLabel = "mlops-version";
    public const string RequestLabel = "mlops-request";
    public const string EvaluationName = "holdout";

    /// <summary>Google's schema for binary-classification evaluation metrics.</summary>
    public const string ClassificationMetricsSchema = "gs://google-cloud-aiplatform/schema/modelevaluation/classification_metrics_1.0.0.yaml";

    private static readonly string[] OurAliases = [ModelAlias.Champion, ModelAlias.Serving];

    /// <summary>Mirrors what is not mirrored yet: versions oldest first, then the aliases of every model whose aliases moved. Returns how many things it mirrored.</summary>
    public async Task<int> MirrorPendingAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        var pending = await db.Versions.Where(v => v.VertexModelVersion == null).OrderBy(v => v.Id).Take(20).ToListAsync(cancellationToken);
        foreach (var version in pending)
        {
            var model = await db.Models.SingleAsync(m => m.Id == version.ModelId, cancellationToken);
            await MirrorVersionAsync(model, version, cancellationToken);
            done++;
        }

        // The last alias change of each model is read before the aliases, so the aliases synced are at least as new as the change recorded as synced.
        var lasts = await db.AliasChanges.GroupBy(c => c.ModelId).Select(g => new { Model = g.Key, Last = g.Max(c => c.Id) }).ToDictionaryAsync(x => x.Model, x => x.Last, cancellationToken);
        var models = await db.Models.Include(m => m.Aliases).ToListAsync(cancellationToken);
        foreach (var model in models)
        {
            var last = lasts.GetValueOrDefault(model.Id);
            if (last > model.VertexAliasesThrough && await SyncAliasesAsync(model, cancellationToken))
            {
                model.VertexAliasesThrough = last;
                await db.SaveChangesAsync(cancellationToken);
                done++;
            }
        }

        return done;
    }

    public async Task MirrorVersionAsync(RegisteredModel model, ModelVersion version, CancellationToken cancellationToken)
    {
        var name = await FindMirroredAsync(model.Name, version, cancellationToken) ?? await UploadAsync(model.Name, version, cancellationToken);
        var evaluations = await vertex.ListEvaluationsAsync(name, cancellationToken);
        var evaluation = evaluations.FirstOrDefault(e => e.DisplayName == EvaluationName)
            ?? await vertex.ImportEvaluationAsync(name, Evaluation(version), cancellationToken);
        version.VertexModelVersion = name;
        version.VertexEvaluation = evaluation.Name;
        version.VertexMirroredAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{Model} v{Version} is mirrored in Vertex AI as {VertexModel} with evaluation {Evaluation}", model.Name, version.Version, name, evaluation.Name);
    }

    // Our aliases on the versions they point to; an alias we no longer hold is removed where Vertex AI has it.
    private async Task<bool> SyncAliasesAsync(RegisteredModel model, CancellationToken cancellationToken)
    {
        var versions = await db.Versions.Where(v => v.ModelId == model.Id).ToDictionaryAsync(v => v.Version, cancellationToken);
        var mirrored = await vertex.ListVersionsAsync(vertex.ModelName(model.Name), null, cancellationToken);
        foreach (var alias in model.Aliases.Where(a => OurAliases.Contains(a.Name)))
        {
            if (!versions.TryGetValue(alias.Version, out var target) || target.VertexModelVersion is not { } name)
            {
                return false; // the version is not mirrored yet: after it is
            }

            var current = mirrored.FirstOrDefault(m => m.VersionAliases?.Contains(alias.Name) == true);
            if (current is null || VersionOf(name) != current.VersionId)
            {
                await vertex.MergeVersionAliasesAsync(name, [alias.Name], cancellationToken);
            }
        }

        foreach (var gone in OurAliases.Where(a => model.Aliases.All(x => x.Name != a)))
        {
            if (mirrored.FirstOrDefault(m => m.VersionAliases?.Contains(gone) == true) is { VersionId: { } holder })
            {
                await vertex.MergeVersionAliasesAsync(vertex.VersionName(model.Name, holder), ["-" + gone], cancellationToken);
            }
        }

        logger.LogInformation("{Model}: Vertex AI version aliases follow the registry ({Aliases})", model.Name,
            string.Join(", ", model.Aliases.Select(a => $"{a.Name} → v{a.Version}")));
        return true;
    }

    private async Task<string?> FindMirroredAsync(string model, ModelVersion version, CancellationToken cancellationToken)
    {
        var found = await vertex.ListVersionsAsync(vertex.ModelName(model), $"labels.{RequestLabel}={Label(version.RequestId)}", cancellationToken);
        return found.FirstOrDefault() is { VersionId: { } id } ? vertex.VersionName(model, id) : null;
    }

    private async Task<string> UploadAsync(string model, ModelVersion version, CancellationToken cancellationToken)
    {
        var options = registry.Value.Vertex;
        var image = options.ServingImage ?? throw new InvalidOperationException("Registry:Vertex:ServingImage is required to mirror versions into Vertex AI: the Predictor image Vertex AI serves them with");
        var exists = await vertex.FindModelAsync(vertex.ModelName(model), cancellationToken) is not null;
        var upload = new UploadModelRequest(new VertexModel
        {
            DisplayName = model,
            Description = $"{model}, mirrored from the MlOps registry",
            VersionDescription = $"v{version.Version}: {version.Trainer}, AUC {version.Auc:F4} on {version.HoldoutRows} holdout rows; {version.Reason}",
            ArtifactUri = google.Value.GcsUri(version.PackageUri),
            Labels = new Dictionary<string, string>
            {
                [VersionLabel] = version.Version.ToString(CultureInfo.InvariantCulture),
                [RequestLabel] = Label(version.RequestId),
                ["mlops-status"] = version.Status.ToString().ToLowerInvariant(),
            },
            ContainerSpec = new ModelContainerSpec
            {
                ImageUri = image,
                PredictRoute = ServingRoutes.Predict,
                HealthRoute = ServingRoutes.Health,
                Ports = [new Port(ServingRoutes.Port)],
                Env =
                [
                    new EnvVar("Predictor__DefaultModel", model),
                    new EnvVar("Predictor__Version", version.Version.ToString(CultureInfo.InvariantCulture)),
                    new EnvVar("Predictor__SourcePackageUri", version.PackageUri),
                    new EnvVar("Predictor__LogToStdout", "true"),
                    new EnvVar("Predictor__PublishLogs", "false"),
                ],
            },
        })
        {
            ParentModel = exists ? vertex.ModelName(model) : null,
            ModelId = exists ? null : model,
        };
        var operation = await vertex.UploadModelAsync(upload, cancellationToken);
        var uploaded = await vertex.WaitAsync<UploadModelResponse>(operation, cancellationToken);
        return vertex.VersionName(model, uploaded.ModelVersionId);
    }

    // The holdout metrics in the shape of Google's classification metrics schema.
    private static ModelEvaluation Evaluation(ModelVersion version) => new()
    {
        DisplayName = EvaluationName,
        MetricsSchemaUri = ClassificationMetricsSchema,
        Metrics = new JsonObject
        {
            ["auRoc"] = version.Auc,
            ["logLoss"] = version.LogLoss,
            ["confidenceMetrics"] = new JsonArray(new JsonObject
            {
                ["confidenceThreshold"] = 0.5,
                ["precision"] = version.Precision,
                ["recall"] = version.Recall,
                ["f1Score"] = version.F1,
            }),
            ["accuracy"] = version.Accuracy,
            ["evaluatedExamples"] = version.HoldoutRows,
        },
    };

    private static string Label(Guid requestId) => requestId.ToString("N");

    private static string VersionOf(string versionName) => versionName[(versionName.LastIndexOf('@') + 1)..];
}
