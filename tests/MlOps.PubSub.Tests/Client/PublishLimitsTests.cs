using Google.Cloud.PubSub.V1;
using Google.Protobuf;

namespace MlOps.PubSub.Tests.Client;

public sealed class PublishLimitsTests
{
    private static PubsubMessage Message(int bytes = 10) => new() { Data = ByteString.CopyFrom(new byte[bytes]) };

    [Fact]
    public void A_message_over_10_MB_is_refused_before_sending()
    {
        var error = Assert.Throws<PubSubLimitException>(() => PublishLimits.Validate(Message(PublishLimits.MaxMessageBytes + 1)));
        Assert.Contains("by reference", error.Message);
    }

    [Fact]
    public void More_than_100_attributes_are_refused()
    {
        var message = Message();
        for (var i = 0; i < 101; i++)
        {
            message.Attributes[$"k{i}"] = "v";
        }

        Assert.Throws<PubSubLimitException>(() => PublishLimits.Validate(message));
    }

    [Theory]
    [InlineData("googkey", "v", "Google reserves")]
    [InlineData("", "v", "empty")]
    public void Bad_attribute_keys_are_refused(string key, string value, string reason)
    {
        var message = Message();
        message.Attributes[key] = value;
        Assert.Contains(reason, Assert.Throws<PubSubLimitException>(() => PublishLimits.Validate(message)).Message);
    }

    [Fact]
    public void Attribute_values_over_1024_bytes_and_keys_over_256_bytes_are_refused()
    {
        var longValue = Message();
        longValue.Attributes["k"] = new string('x', 1025);
        Assert.Throws<PubSubLimitException>(() => PublishLimits.Validate(longValue));
        var longKey = Message();
        longKey.Attributes[new string('k', 257)] = "v";
        Assert.Throws<PubSubLimitException>(() => PublishLimits.Validate(longKey));
    }

    [Fact]
    public void A_message_without_data_or_attributes_is_refused() =>
        Assert.Throws<PubSubLimitException>(() => PublishLimits.Validate(new PubsubMessage()));

    [Fact]
    public void Batches_hold_at_most_1000_messages()
    {
        var batches = PublishLimits.Batches(Enumerable.Range(0, 2500).Select(_ => Message())).ToList();
        Assert.Equal([1000, 1000, 500], batches.Select(b => b.Count));
    }

    [Fact]
    public void Batches_hold_at_most_10_MB()
    {
        var batches = PublishLimits.Batches(Enumerable.Range(0, 5).Select(_ => Message(3_000_000))).ToList();
        Assert.Equal([3, 2], batches.Select(b => b.Count));
        Assert.All(batches, b => Assert.True(b.Sum(PublishLimits.RequestBytes) <= PublishLimits.MaxRequestBytes));
    }

    [Fact]
    public void Batches_carry_one_ordering_key_each_and_keep_the_order_within_a_key()
    {
        (string Data, string Key)[] mixed = [("a1", "a"), ("b1", "b"), ("a2", "a"), ("n1", ""), ("b2", "b"), ("a3", "a")];

        var batches = PublishLimits.Batches(mixed.Select(m => new PubsubMessage { Data = ByteString.CopyFromUtf8(m.Data), OrderingKey = m.Key })).ToList();

        Assert.All(batches, b => Assert.Single(b.Select(m => m.OrderingKey).Distinct()));
        Assert.Equal(["a1", "a2", "a3", "b1", "b2", "n1"], batches.SelectMany(b => b).Select(m => m.Data.ToStringUtf8()));
    }
}
