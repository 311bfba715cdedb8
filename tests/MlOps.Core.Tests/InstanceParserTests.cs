using System.Text;
using MlOps.Core.Scoring;
using MlOps.Core.Synthetic;

namespace MlOps.Core.Tests;

public sealed class InstanceParserTests
{
    private const string Valid = """{"trip_month":7,"trip_day":11,"trip_day_of_week":4,"trip_hour":6,"trip_duration":44,"trip_distance":2.1,"payment_type":"cash","pickup_zone":"SoHo","dropoff_zone":"JFK Airport"}""";

    private static (FeatureBatch Batch, List<FieldError> Errors) Parse(string body, int maxInstances = 100)
    {
        var parser = new InstanceParser(TaxiTripGenerator.Schema);
        var batch = new FeatureBatch(TaxiTripGenerator.Schema);
        var errors = new List<FieldError>();
        parser.TryParseRequest(Encoding.UTF8.GetBytes(body), batch, errors, maxInstances);
        return (batch, errors);
    }

    [Fact]
    public void Object_and_positional_instances_parse_to_the_same_values()
    {
        var (batch, errors) = Parse("{\"instances\":[" + Valid + """,[7,11,4,6,44,2.1,"cash","SoHo","JFK Airport"]],"parameters":{"x":1}}""");

        Assert.Empty(errors);
        Assert.Equal(2, batch.Count);
        Assert.Equal(batch.Numeric(0).ToArray(), batch.Numeric(1).ToArray());
        Assert.Equal(["cash", "SoHo", "JFK Airport"], batch.Categorical(1).ToArray().Select(m => m.ToString()));
        Assert.Equal(2.1f, batch.Numeric(0)[5]);
    }

    [Fact]
    public void Null_is_a_missing_value()
    {
        var (batch, errors) = Parse("""{"instances":[[7,11,4,6,null,2.1,"cash",null,"SoHo"]]}""");

        Assert.Empty(errors);
        Assert.True(float.IsNaN(batch.Numeric(0)[4]));
        Assert.True(batch.Categorical(0)[1].IsEmpty);
    }

    [Theory]
    [InlineData("{\"instances\":[", "body", "malformed JSON")]
    [InlineData("[1,2]", "body", "must be a JSON object")]
    [InlineData("{\"rows\":[]}", "instances", "no \"instances\" array")]
    [InlineData("{\"instances\":[]}", "instances", "the array is empty")]
    [InlineData("{\"instances\":{}}", "instances", "must be an array")]
    [InlineData("{\"instances\":[42]}", "instance", "must be an object of named features or an array")]
    [InlineData("{\"instances\":[[7,11,4,6,44,2.1,\"cash\",\"SoHo\"]]}", "instance", "expected 9 values in schema order")]
    [InlineData("{\"instances\":[[7,11,4,6,44,\"far\",\"cash\",\"SoHo\",\"SoHo\"]]}", "trip_distance", "expected a number, got the string \"far\"")]
    [InlineData("{\"instances\":[[7,11,4,6,44,true,\"cash\",\"SoHo\",\"SoHo\"]]}", "trip_distance", "expected a number, got true")]
    [InlineData("{\"instances\":[[7,11,4,6,44,[1],\"cash\",\"SoHo\",\"SoHo\"]]}", "trip_distance", "got an array")]
    [InlineData("{\"instances\":[[13,11,4,6,44,1,\"cash\",\"SoHo\",\"SoHo\"]]}", "trip_month", "13 is outside the allowed range [1, 12]")]
    [InlineData("{\"instances\":[[7,11,4,6,44,1,\"bitcoin\",\"SoHo\",\"SoHo\"]]}", "payment_type", "'bitcoin' is not one of the allowed values")]
    [InlineData("{\"instances\":[[7,11,4,6,1e999,1,\"cash\",\"SoHo\",\"SoHo\"]]}", "trip_duration", "'1e999' is not a finite number")]
    public void A_bad_request_gives_a_field_level_error(string body, string field, string message)
    {
        var (_, errors) = Parse(body);

        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_and_unknown_features_are_each_named()
    {
        var body = """{"instances":[{"trip_month":7,"trip_day":11,"trip_day_of_week":4,"trip_hour":6,"trip_duration":44,"payment_type":"cash","pickup_zone":"SoHo","dropoff_zone":"SoHo","tip":3}]}""";

        var (_, errors) = Parse(body);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Field == "tip" && e.Message.StartsWith("unknown feature"));
        Assert.Contains(errors, e => e.Field == "trip_distance" && e.Message.StartsWith("missing feature"));
        Assert.All(errors, e => Assert.Equal(0, e.Instance));
    }

    [Fact]
    public void Too_many_instances_are_refused()
    {
        var body = "{\"instances\":[" + string.Join(",", Enumerable.Repeat(Valid, 5)) + "]}";

        var (_, errors) = Parse(body, maxInstances: 3);

        Assert.Contains(errors, e => e.Message.Contains("more than 3 instances"));
    }

    [Fact]
    public void Errors_in_several_instances_are_all_reported()
    {
        var (_, errors) = Parse("""{"instances":[[0,11,4,6,44,1,"cash","SoHo","SoHo"],[7,11,4,6,44,1,"cash","SoHo","Nowhere"]]}""");

        Assert.Equal([(0, "trip_month"), (1, "dropoff_zone")], errors.Select(e => (e.Instance, e.Field)));
    }

    [Theory]
    [InlineData("""{"instances":[[7,11,4,6,44,2.1,"x\udfffy","SoHo","SoHo"]]}""", "payment_type")]
    [InlineData("""{"instances":[{"trip_month":7,"trip_month":8}]}""", "trip_month")]
    [InlineData("""{"instances":[[7,11,4,6,44,2.1,"cash","SoHo","SoHo"]],"instances":[[13]]}""", "instances")]
    public void A_lone_surrogate_or_a_repeated_name_is_a_field_error_not_an_exception(string body, string field)
    {
        var (_, errors) = Parse(body);

        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void Invalid_utf8_in_a_value_names_the_feature()
    {
        var parser = new InstanceParser(TaxiTripGenerator.Schema);
        var errors = new List<FieldError>();
        byte[] body = [.. "{\"instances\":[[7,11,4,6,44,2.1,\"ca"u8, 0xC0, 0xAF, .. "sh\",\"SoHo\",\"SoHo\"]]}"u8];

        Assert.False(parser.TryParseRequest(body, new FeatureBatch(TaxiTripGenerator.Schema), errors));

        Assert.Equal("payment_type", Assert.Single(errors).Field);
    }

    [Fact]
    public void Features_in_any_order_or_with_escaped_names_parse_as_in_schema_order()
    {
        const string shuffled = """{"trip_hour":6,"trip_month":7,"trip_day":11,"trip_day_of_week":4,"dropoff_zone":"JFK Airport","trip_duration":44,"\u0074rip_distance":2.1,"payment_type":"cash","pickup_zone":"SoHo"}""";

        var (batch, errors) = Parse("{\"instances\":[" + Valid + "," + shuffled + "]}");

        Assert.Empty(errors);
        Assert.Equal(batch.Numeric(0).ToArray(), batch.Numeric(1).ToArray());
        Assert.Equal(batch.Categorical(0).ToArray().Select(m => m.ToString()), batch.Categorical(1).ToArray().Select(m => m.ToString()));
    }

    [Fact]
    public void A_name_repeated_after_the_features_that_follow_it_is_still_refused()
    {
        var (_, errors) = Parse("""{"instances":[{"trip_day":11,"trip_month":7,"trip_day":12}]}""");

        Assert.Contains(errors, e => e is { Field: "trip_day", Message: "given more than once in the instance" });
    }
}
