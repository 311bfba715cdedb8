using System.Security.Cryptography;
using MlOps.Core.Data;
using MlOps.Core.Packaging;
using MlOps.Core.Synthetic;
using MlOps.Core.Training;

namespace MlOps.Core.Tests;

public sealed class PackageTests
{
    private static readonly Lazy<TrainingResult> Trained = new(() => ModelTrainer.Train(TestData.Taxi(3000, seed: 5), new TrainingOptions(), new TrainingContext { ModelName = "taxi-tips" }));

    [Theory]
    [InlineData("package")]
    [InlineData("package.zip")]
    public void A_loaded_package_gives_exactly_the_predictions_it_was_evaluated_with(string name)
    {
        using var temp = new TempDirectory();
        Trained.Value.Package.Save(temp.File(name));

        var loaded = ModelPackage.Load(temp.File(name));

        Assert.Equal(Trained.Value.HoldoutProbabilities, loaded.Scorer.ScoreAll(Trained.Value.Holdout));
        Assert.Equal(Trained.Value.Package.Metrics, loaded.Metrics);
        Assert.True(loaded.Verify().Passed);
        Assert.Equal(ModelTrainer.VerificationSamples, loaded.Verify().SamplesChecked);
    }

    [Fact]
    public void The_package_records_where_the_model_came_from()
    {
        using var temp = new TempDirectory();
        var csv = temp.File("trips.csv");
        TaxiTripGenerator.WriteCsv(csv, new TaxiTripGenerator(11).Generate(2000));
        var data = DatasetReader.Load(DatasetSource.FromPath(csv), TaxiTripGenerator.Schema).Dataset!;
        ModelTrainer.Train(data, new TrainingOptions { Seed = 3 }, new TrainingContext { ModelName = "taxi-tips", LoadMs = 12 }).Package.Save(temp.File("p"));

        var metadata = ModelPackage.Load(temp.File("p")).Metadata;

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(csv))), metadata.Dataset.Fingerprint);
        Assert.Equal(["trips.csv"], metadata.Dataset.Files);
        Assert.Equal(2000, metadata.Dataset.Rows);
        Assert.Equal(2000, metadata.Dataset.TrainRows + metadata.Dataset.HoldoutRows);
        Assert.Equal(("taxi-tips", "LightGbm", 3), (metadata.ModelName, metadata.Trainer, metadata.Seed));
        Assert.NotEqual("unknown", metadata.CodeVersion);
        Assert.Equal("0", metadata.Dataset.NegativeClass);
        Assert.True(metadata.Timings.TrainMs > 0 && metadata.Timings.LoadMs == 12);
        Assert.True(File.Exists(temp.File("p/baseline.json")) && File.Exists(temp.File("p/model.zip")));
    }

    [Fact]
    public void A_package_with_a_corrupt_model_does_not_load()
    {
        using var temp = new TempDirectory();
        Trained.Value.Package.Save(temp.File("p"));
        File.WriteAllText(temp.File("p/model.zip"), "not a model");

        var error = Assert.Throws<PackageException>(() => ModelPackage.Load(temp.File("p")));

        Assert.Contains("cannot be loaded", error.Message);
    }

    [Fact]
    public void A_package_missing_a_part_names_it()
    {
        using var temp = new TempDirectory();
        Trained.Value.Package.Save(temp.File("p"));
        File.Delete(temp.File("p/schema.json"));

        var error = Assert.Throws<PackageException>(() => ModelPackage.Load(temp.File("p")));

        Assert.Contains("has no schema.json", error.Message);
    }

    [Fact]
    public void Verification_fails_when_the_model_no_longer_reproduces_its_evaluation()
    {
        var original = Trained.Value.Package;
        var tampered = new ModelPackage(original.Model, original.Schema, original.Metrics, original.Baseline, original.Metadata,
            [.. original.Samples.Select((s, i) => i == 3 ? s with { Probability = s.Probability + 0.01f } : s)]);

        var verification = tampered.Verify();

        Assert.False(verification.Passed);
        Assert.Contains("sample 3 scored", verification.Problem);
    }

    [Fact]
    public void Labels_follow_the_positive_and_negative_classes_of_the_training_data()
    {
        var package = Trained.Value.Package;

        Assert.Equal("1", package.LabelFor(0.7f));
        Assert.Equal("0", package.LabelFor(0.2f));
    }
}
