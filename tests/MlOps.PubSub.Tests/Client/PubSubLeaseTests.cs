using MlOps.Transport.PubSub.Transport;

namespace MlOps.PubSub.Tests.Client;

public sealed class PubSubLeaseTests
{
    [Theory]
    [InlineData(30, 21)]
    [InlineData(10, 7)]
    [InlineData(2, 1)]
    [InlineData(1, 0.5)]
    public void Leases_are_renewed_at_about_70_percent_of_the_deadline_with_room_for_the_call(double deadline, double renewAfter) =>
        Assert.Equal(TimeSpan.FromSeconds(renewAfter), PubSubLease.RenewAfter(TimeSpan.FromSeconds(deadline)));

    [Fact]
    public void Only_the_first_ack_or_nack_ends_a_lease()
    {
        var lease = new PubSubLease("sub", "ack-1", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(10));
        Assert.True(lease.TryFinish());
        Assert.False(lease.TryFinish());
        Assert.False(lease.IsExpired(DateTimeOffset.UnixEpoch.AddHours(1)));
    }
}
