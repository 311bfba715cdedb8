using MlOps.Core.Schema;

namespace MlOps.Core.Tests;

public sealed class SchemaTests
{
    [Fact]
    public void A_json_schema_file_loads_with_kinds_ranges_and_vocabularies()
    {
        var schema = TestData.TinySchema;

        Assert.Equal("tip_bin", schema.Label);
        Assert.Equal("1", schema.PositiveClass);
        Assert.Equal(0.25, schema.MaxMissingShare);
        Assert.Equal(["distance", "hour"], schema.NumericFeatures.Select(f => f.Name));
        Assert.Equal(["payment", "zone"], schema.CategoricalFeatures.Select(f => f.Name));
        Assert.Equal(23, schema.Find("hour")!.Max);
        Assert.Equal(["card", "cash"], schema.Find("payment")!.Vocabulary!);
        Assert.Null(schema.Find("zone")!.Vocabulary);
        Assert.Equal(1, schema.Slot(schema.IndexOf("zone")));
    }

    [Fact]
    public void A_yaml_schema_round_trips_through_the_same_model()
    {
        using var temp = new TempDirectory();
        var path = temp.File("schema.yaml");
        FeatureSchemaFile.Save(TestData.TinySchema, path);

        var loaded = FeatureSchemaFile.Load(path);

        Assert.Equal(FeatureSchemaFile.ToJson(TestData.TinySchema), FeatureSchemaFile.ToJson(loaded));
    }

    [Theory]
    [InlineData("""{"label":"y","positiveClass":"1","features":[{"name":"a","kind":"number"}]}""", "feature 'a': 'kind' must be numeric or categorical, got 'number'")]
    [InlineData("""{"label":"y","positiveClass":"1","features":[{"name":"a","kind":"numeric"},{"name":"a","kind":"numeric"}]}""", "feature 'a': the name is used more than once")]
    [InlineData("""{"label":"y","positiveClass":"1","features":[{"name":"a","kind":"numeric","range":{"min":5,"max":1}}]}""", "range min 5 is greater than max 1")]
    [InlineData("""{"label":"y","positiveClass":"1","features":[{"name":"a","kind":"categorical","range":{"min":0}}]}""", "'range' applies to numeric features only")]
    [InlineData("""{"label":"y","positiveClass":"1","features":[{"name":"a","kind":"numeric","vocabulary":["x"]}]}""", "'vocabulary' applies to categorical features only")]
    [InlineData("""{"label":"y","positiveClass":"1","features":[{"name":"y","kind":"numeric"}]}""", "the label column cannot also be a feature")]
    [InlineData("""{"positiveClass":"1","features":[{"name":"a","kind":"numeric"}]}""", "'label' is required")]
    [InlineData("""{"label":"y","features":[{"name":"a","kind":"numeric"}]}""", "'positiveClass' is required")]
    [InlineData("""{"label":"y","positiveClass":"1","features":[]}""", "'features' must list at least one feature")]
    [InlineData("""{"label":"y","positiveClass":"1","maxMissingShare":2,"features":[{"name":"a","kind":"numeric"}]}""", "'maxMissingShare' must be between 0 and 1")]
    [InlineData("""{"label":"y","positiveClass":"1","features":[{"name":"a","kind":"categorical","vocabulary":["x","x"]}]}""", "'vocabulary' repeats 'x'")]
    [InlineData("""{"label":"y","positiveClass":"1","featurs":[]}""", "not a valid JSON schema document")]
    [InlineData("""{"label":"y",""", "not a valid JSON schema document")]
    public void An_invalid_schema_is_rejected_with_a_message_naming_the_problem(string json, string expected)
    {
        var error = Assert.Throws<SchemaException>(() => FeatureSchemaFile.Parse(json, SchemaFormat.Json));

        Assert.Contains(error.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_in_a_schema_is_reported_at_once()
    {
        const string json = """{"label":"a","positiveClass":"","features":[{"name":"a","kind":"numeric"},{"name":"b","kind":"bad"}]}""";

        var error = Assert.Throws<SchemaException>(() => FeatureSchemaFile.Parse(json, SchemaFormat.Json));

        Assert.Equal(3, error.Errors.Count);
    }

    [Fact]
    public void A_missing_schema_file_is_reported_by_path()
    {
        var error = Assert.Throws<SchemaException>(() => FeatureSchemaFile.Load("/nonexistent/schema.json"));

        Assert.Contains("file not found", error.Message);
    }
}
