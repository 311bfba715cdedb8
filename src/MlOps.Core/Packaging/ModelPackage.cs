using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using MlOps.Core.Evaluation;
using MlOps.Core.Schema;
using MlOps.Core.Scoring;
using MlOps.Core.Statistics;
using MlOps.Core.Training;

namespace MlOps.Core.Packaging;

/// <summary>
/// Everything needed to serve, judge and monitor a model, in one folder or zip: the ML.NET model,
/// the feature schema, holdout metrics, baseline statistics, metadata and verification samples.
/// </summary>
public sealed class ModelPackage
{
    public const string ModelFile = "model.zip";
    public const string SchemaFile = "schema.json";
    public const string MetricsFile = "metrics.json";
    public const string BaselineFile = "baseline.json";
    public const string MetadataFile = "metadata.json";
    public const string SamplesFile = "samples.json";

    private ModelScorer? _scorer;

    public ModelPackage(
        ITransformer model,
        FeatureSchema schema,
        BinaryMetrics metrics,
        DatasetBaseline baseline,
        PackageMetadata metadata,
        IReadOnlyList<VerificationSample> samples,
        string? location = null)
    {
        Model = model;
        Schema = schema;
        Metrics = metrics;
        Baseline = baseline;
        Metadata = metadata;
        Samples = samples;
        Location = location;
    }

    public ITransformer Model { get; }

    public FeatureSchema Schema { get; }

    public BinaryMetrics Metrics { get; }

    public DatasetBaseline Baseline { get; }

    public PackageMetadata Metadata { get; }

    public IReadOnlyList<VerificationSample> Samples { get; }

    /// <summary>The folder or zip this package was loaded from or saved to.</summary>
    public string? Location { get; private set; }

    public ModelScorer Scorer => _scorer ??= CreateScorer();

    /// <summary>The label value reported for a probability below the threshold.</summary>
    public string NegativeClass => Metadata.Dataset.NegativeClass ?? (Schema.PositiveClass == "1" ? "0" : "not " + Schema.PositiveClass);

    public string LabelFor(float probability) => probability >= Metrics.Threshold ? Schema.PositiveClass : NegativeClass;

    /// <summary>Writes the package to a folder, or to a zip file when <paramref name="path"/> ends in .zip.</summary>
    public void Save(string path)
    {
        var files = new Dictionary<string, byte[]>
        {
            [SchemaFile] = System.Text.Encoding.UTF8.GetBytes(FeatureSchemaFile.ToJson(Schema)),
            [MetricsFile] = Json(Metrics),
            [BaselineFile] = Json(Baseline),
            [MetadataFile] = Json(Metadata),
            [SamplesFile] = Json(Samples),
        };
        using (var model = new MemoryStream())
        {
            new MLContext().Model.Save(Model, ModelColumns.InputSchema(Schema, withLabel: false), model);
            files[ModelFile] = model.ToArray();
        }

        if (IsZip(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = path + ".tmp";
            using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
            {
                foreach (var (name, bytes) in files)
                {
                    using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                    entry.Write(bytes);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        else
        {
            Directory.CreateDirectory(path);
            foreach (var (name, bytes) in files)
            {
                File.WriteAllBytes(Path.Combine(path, name), bytes);
            }
        }

        Location = Path.GetFullPath(path);
    }

    /// <summary>Loads a package from a folder or zip file.</summary>
    public static ModelPackage Load(string path)
    {
        var files = ReadFiles(path);
        byte[] Need(string name) => files.TryGetValue(name, out var bytes)
            ? bytes
            : throw new PackageException($"the model package at {path} has no {name}");

        try
        {
            var schema = FeatureSchemaFile.Parse(System.Text.Encoding.UTF8.GetString(Need(SchemaFile)), SchemaFormat.Json, $"{path}/{SchemaFile}");
            var metrics = Parse<BinaryMetrics>(Need(MetricsFile), MetricsFile);
            var baseline = Parse<DatasetBaseline>(Need(BaselineFile), BaselineFile);
            var metadata = Parse<PackageMetadata>(Need(MetadataFile), MetadataFile);
            var samples = files.TryGetValue(SamplesFile, out var s) ? Parse<List<VerificationSample>>(s, SamplesFile) : [];
            ITransformer model;
            using (var stream = new MemoryStream(Need(ModelFile)))
            {
                model = new MLContext().Model.Load(stream, out _);
            }

            return new ModelPackage(model, schema, metrics, baseline, metadata, samples, Path.GetFullPath(path));
        }
        catch (Exception e) when (e is not PackageException)
        {
            throw new PackageException($"the model package at {path} cannot be loaded: {e.Message}", e);
        }
    }

    /// <summary>Re-scores the stored holdout samples and checks each probability is bit-for-bit the one recorded at evaluation.</summary>
    public PackageVerification Verify()
    {
        if (Samples.Count == 0)
        {
            return new PackageVerification(false, 0, "the package has no verification samples");
        }

        ScoringEngine engine;
        try
        {
            engine = Scorer.Rent();
        }
        catch (Exception e)
        {
            return new PackageVerification(false, 0, $"the model cannot score its own schema: {e.Message}");
        }

        try
        {
            for (var i = 0; i < Samples.Count; i++)
            {
                var sample = Samples[i];
                for (var n = 0; n < sample.Numeric.Length; n++)
                {
                    engine.Numeric[n] = sample.Numeric[n] ?? float.NaN;
                }

                for (var c = 0; c < sample.Categorical.Length; c++)
                {
                    engine.Categorical[c] = (sample.Categorical[c] ?? "").AsMemory();
                }

                var p = engine.Score();
                if (!float.IsFinite(p) || p is < 0 or > 1)
                {
                    return new PackageVerification(false, i + 1, $"sample {i} scored {p}, which is not a probability");
                }

                if (BitConverter.SingleToInt32Bits(p) != BitConverter.SingleToInt32Bits(sample.Probability))
                {
                    return new PackageVerification(false, i + 1, $"sample {i} scored {p:R} but was evaluated at {sample.Probability:R}");
                }
            }
        }
        catch (Exception e)
        {
            return new PackageVerification(false, 0, $"scoring failed: {e.Message}");
        }
        finally
        {
            Scorer.Return(engine);
        }

        return new PackageVerification(true, Samples.Count, null);
    }

    // The flat tree evaluator serves only if it gives ML.NET's answer, bit for bit, on the package's
    // samples and on probe rows mixing sample values, bin edges, missing and unseen values.
    private ModelScorer CreateScorer()
    {
        var reference = new ModelScorer(Model, Schema);
        var compiled = CompiledTreeModel.TryCompile(Model, Schema, Metadata.CategoryCodes);
        return compiled is not null && Agrees(compiled, reference) ? new ModelScorer(Model, Schema, compiled) : reference;
    }

    private bool Agrees(CompiledTreeModel compiled, ModelScorer reference)
    {
        var engine = reference.Rent();
        var random = new Random(17);
        var numericValues = Schema.NumericFeatures
            .Select((f, i) => Samples.Select(s => s.Numeric[i] ?? float.NaN)
                .Concat(Baseline.Find(f.Name)?.Numeric?.Edges.Select(e => (float)e) ?? [])
                .Append(float.NaN).Append(0f).Append(-1e6f).Append(1e6f).ToArray())
            .ToArray();
        var categoricalValues = Schema.CategoricalFeatures
            .Select(f => (Metadata.CategoryCodes?[f.Name].Keys ?? []).Append("").Append("\u0002unseen").ToArray())
            .ToArray();
        try
        {
            for (var probe = 0; probe < Samples.Count + 500; probe++)
            {
                for (var n = 0; n < engine.Numeric.Length; n++)
                {
                    engine.Numeric[n] = probe < Samples.Count ? Samples[probe].Numeric[n] ?? float.NaN : numericValues[n][random.Next(numericValues[n].Length)];
                }

                for (var c = 0; c < engine.Categorical.Length; c++)
                {
                    engine.Categorical[c] = (probe < Samples.Count ? Samples[probe].Categorical[c] ?? "" : categoricalValues[c][random.Next(categoricalValues[c].Length)]).AsMemory();
                }

                var expected = engine.Score();
                var actual = compiled.Score(engine.Numeric, engine.Categorical);
                if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            reference.Return(engine);
        }
    }

    private static bool IsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private static byte[] Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, PackageJson.Options);

    private static T Parse<T>(byte[] bytes, string name) =>
        JsonSerializer.Deserialize<T>(bytes, PackageJson.Options) ?? throw new PackageException($"{name} is empty");

    private static Dictionary<string, byte[]> ReadFiles(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        }

        if (!File.Exists(path))
        {
            throw new PackageException($"no model package at {path}");
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.Entries.ToDictionary(e => e.FullName, e =>
            {
                using var stream = e.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            });
        }
        catch (InvalidDataException e)
        {
            throw new PackageException($"{path} is neither a package folder nor a readable zip: {e.Message}", e);
        }
    }
}
