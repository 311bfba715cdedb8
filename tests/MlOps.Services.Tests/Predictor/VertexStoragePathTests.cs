using MlOps.Predictor.Vertex;

namespace MlOps.Services.Tests.Predictor;

public sealed class VertexStoragePathTests
{
    [Theory]
    [InlineData("gs://bucket/models/v1", "bucket", "models/v1/")]
    [InlineData("gs://bucket/models/v1/", "bucket", "models/v1/")]
    [InlineData("gs://my-bucket.example_1", "my-bucket.example_1", "")]
    [InlineData("gs://bucket/", "bucket", "")]
    public void A_gs_uri_is_read_as_a_bucket_and_a_folder_prefix(string uri, string bucket, string prefix)
    {
        Assert.Equal(new GcsUri(bucket, prefix), GcsUri.Parse(uri));
    }

    [Theory]
    [InlineData("gs://")]
    [InlineData("gs:///models")]
    [InlineData("gs://Bucket/models")]
    [InlineData("gs://../models")]
    [InlineData("gs://bucket/models/../other")]
    [InlineData("gs://bucket/models//v1")]
    [InlineData("/gcs/bucket/models")]
    public void A_uri_that_names_no_bucket_or_no_safe_folder_is_refused(string uri)
    {
        Assert.Throws<FormatException>(() => GcsUri.Parse(uri));
    }

    [Theory]
    [InlineData("../escaped")]
    [InlineData("a/../../escaped")]
    [InlineData("./model.zip")]
    [InlineData("..")]
    [InlineData("a//b")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\..\\escaped")]
    [InlineData("a\nb")]
    [InlineData("")]
    public void Object_names_that_could_leave_the_download_folder_are_refused(string relative)
    {
        Assert.NotNull(ObjectPaths.Refusal(relative));
    }

    [Theory]
    [InlineData("model.zip")]
    [InlineData("extra/notes.txt")]
    [InlineData("a..b/..c/d..")]
    [InlineData("with space/and-ünïcode.json")]
    public void Ordinary_object_names_become_relative_paths(string relative)
    {
        Assert.Null(ObjectPaths.Refusal(relative));
    }

    [Fact]
    public void A_name_in_a_message_has_its_control_characters_escaped()
    {
        Assert.Equal("'models/v1/a\\u000ab'", ObjectPaths.Quote("models/v1/a\nb"));
    }
}
