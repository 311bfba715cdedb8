namespace MlOps.PubSub.Tests.Client;

public sealed class PubSubNamesTests
{
    [Theory]
    [InlineData("model-trained")]
    [InlineData("abc")]
    [InlineData("Trainer_error")]
    [InlineData("a.b~c+d%20")]
    public void Valid_names_pass(string name) => Assert.Equal(name, PubSubNames.ValidateTopic(name));

    [Theory]
    [InlineData("ab", "minimum is 3")]
    [InlineData("9lives", "start with a letter")]
    [InlineData("-dash", "start with a letter")]
    [InlineData("google-things", "reserved by Google")]
    [InlineData("Goog-x", "reserved by Google")]
    [InlineData("has space", "' ' at position 3")]
    [InlineData("slash/name", "'/' at position 5")]
    public void Invalid_names_are_rejected_with_the_reason(string name, string reason)
    {
        var error = Assert.Throws<InvalidPubSubNameException>(() => PubSubNames.ValidateSubscription(name));
        Assert.Contains(reason, error.Message);
        Assert.Contains($"'{name}'", error.Message);
    }

    [Fact]
    public void Names_longer_than_255_characters_are_rejected()
    {
        var error = Assert.Throws<InvalidPubSubNameException>(() => PubSubNames.ValidateTopic("a" + new string('b', 255)));
        Assert.Contains("maximum is 255", error.Message);
    }

    [Fact]
    public void Paths_name_the_project_and_the_resource() =>
        Assert.Equal("projects/p1/topics/orders", PubSubNames.TopicPath("p1", "orders"));
}
