using System.Text;
using MlOps.Core.Schema;

namespace MlOps.Core.Tests;

public sealed class SchemaInferenceTests
{
    private static FeatureSchema Infer(string csv, string label = "tip_bin", SchemaInferenceOptions? options = null) =>
        SchemaInference.Infer(new MemoryStream(Encoding.UTF8.GetBytes(csv)), label, options);

    [Fact]
    public void Columns_of_numbers_are_numeric_and_anything_else_is_categorical_with_its_vocabulary()
    {
        var schema = Infer("distance,zone,code,tip_bin\n1.5,SoHo,7,1\n2,Midtown,8,0\n,SoHo,9,0\n");

        Assert.True(schema.Find("distance")!.IsNumeric);
        Assert.True(schema.Find("code")!.IsNumeric);
        Assert.False(schema.Find("zone")!.IsNumeric);
        Assert.Equal(["SoHo", "Midtown"], schema.Find("zone")!.Vocabulary!);
        Assert.Equal("1", schema.PositiveClass);
        Assert.Null(schema.Find("tip_bin"));
    }

    [Fact]
    public void A_column_with_a_non_finite_value_is_not_numeric()
    {
        var schema = Infer("x,tip_bin\n1,0\nInfinity,1\n");

        Assert.False(schema.Find("x")!.IsNumeric);
    }

    [Theory]
    [InlineData("false", "true", "true")]
    [InlineData("no", "YES", "YES")]
    [InlineData("0.0", "1.0", "1")]
    public void The_positive_class_is_inferred_for_conventional_labels(string negative, string positive, string expected)
    {
        var schema = Infer($"x,y\n1,{negative}\n2,{positive}\n", "y");

        Assert.Equal(expected, schema.PositiveClass);
    }

    [Fact]
    public void An_unconventional_label_needs_the_positive_class_spelled_out()
    {
        var error = Assert.Throws<SchemaException>(() => Infer("x,y\n1,cat\n2,dog\n", "y"));
        Assert.Contains("cannot tell which value of 'y' is the positive class", error.Message);

        var schema = Infer("x,y\n1,cat\n2,dog\n", "y", new SchemaInferenceOptions { PositiveClass = "dog" });
        Assert.Equal("dog", schema.PositiveClass);
    }

    [Fact]
    public void Overrides_force_kinds_and_exclude_columns()
    {
        var schema = Infer("id,zone_id,x,tip_bin\n1,132,1,1\n2,138,2,0\n", options: new SchemaInferenceOptions
        {
            Categorical = new HashSet<string> { "zone_id" },
            Exclude = new HashSet<string> { "id" },
        });

        Assert.Null(schema.Find("id"));
        Assert.False(schema.Find("zone_id")!.IsNumeric);
        Assert.Equal(["132", "138"], schema.Find("zone_id")!.Vocabulary!);
    }

    [Fact]
    public void A_missing_label_column_is_named()
    {
        var error = Assert.Throws<SchemaException>(() => Infer("a,b\n1,2\n", "tip_bin"));

        Assert.Contains("label column 'tip_bin' is not in the header (a, b)", error.Message);
    }
}
