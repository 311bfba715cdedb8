using Google.Cloud.PubSub.V1;
using Google.Protobuf;
using MlOps.PubSub.Tests.Infrastructure;

namespace MlOps.PubSub.Tests.Client;

/// <summary>Pub/Sub requires every message of a PublishRequest to have the same ordering key.</summary>
public sealed class PubSubOrderingKeyTests(FakePubSubServer server) : IClassFixture<FakePubSubServer>
{
    private static readonly (string Data, string Key)[] Mixed = [("a1", "a"), ("b1", "b"), ("a2", "a"), ("n1", ""), ("b2", "b"), ("a3", "a"), ("n2", "")];

    private static List<PubsubMessage> Messages() =>
        [.. Mixed.Select(m => new PubsubMessage { Data = ByteString.CopyFromUtf8(m.Data), OrderingKey = m.Key })];

    [Fact]
    public async Task A_published_list_goes_out_in_requests_of_one_ordering_key_and_the_ids_come_back_in_order()
    {
        server.Reset();
        await using var client = server.CreateClient();

        var ids = await client.Publisher.PublishAsync("orders", Messages());

        Assert.Equal(Mixed.Select(m => m.Data), ids);
        AssertOneKeyPerRequestInOrder();
    }

    [Fact]
    public async Task Concurrent_single_publishes_share_requests_only_within_an_ordering_key()
    {
        server.Reset();
        await using var client = server.CreateClient();

        var ids = await Await.Within(Task.WhenAll(Messages().Select(m => client.Publisher.PublishOneAsync("orders", m))), "the publishes");

        Assert.Equal(Mixed.Select(m => m.Data), ids);
        AssertOneKeyPerRequestInOrder();
    }

    private void AssertOneKeyPerRequestInOrder()
    {
        var requests = server.PublishRequests.ToList();
        Assert.All(requests, r => Assert.Single(r.Messages.Select(m => m.OrderingKey).Distinct()));
        foreach (var key in new[] { "a", "b" })
        {
            Assert.Equal(Mixed.Where(m => m.Key == key).Select(m => m.Data),
                requests.SelectMany(r => r.Messages).Where(m => m.OrderingKey == key).Select(m => m.Data.ToStringUtf8()));
        }
    }
}
