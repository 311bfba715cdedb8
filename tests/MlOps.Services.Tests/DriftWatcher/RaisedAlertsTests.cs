using MlOps.Contracts;
using MlOps.DriftWatcher.Retraining;

namespace MlOps.Services.Tests.DriftWatcher;

/// <summary>A retried message gets back the alert its first attempt raised, so the retraining it asks for is not lost to the cooldown.</summary>
public sealed class RaisedAlertsTests
{
    private static DriftDetected Alert() =>
        new(Guid.NewGuid(), "taxi", 1, DriftKinds.Performance, [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 100, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_retried_message_gets_the_alert_of_its_first_attempt_without_checking_again()
    {
        var raised = new RaisedAlerts();
        var message = Guid.NewGuid();
        var checks = 0;
        var alert = Alert();

        var first = raised.For(message, () => { checks++; return alert; });
        var retry = raised.For(message, () => { checks++; return null; });

        Assert.Same(alert, first);
        Assert.Same(alert, retry);
        Assert.Equal(1, checks);
    }

    [Fact]
    public void A_message_that_raised_nothing_raises_nothing_on_a_retry_and_another_message_is_checked()
    {
        var raised = new RaisedAlerts();
        var message = Guid.NewGuid();

        Assert.Null(raised.For(message, () => null));
        Assert.Null(raised.For(message, Alert));
        Assert.NotNull(raised.For(Guid.NewGuid(), Alert));
    }

    [Fact]
    public void Without_a_message_id_every_attempt_is_checked_and_old_ids_are_forgotten_past_a_thousand()
    {
        var raised = new RaisedAlerts();
        var first = Guid.NewGuid();
        raised.For(first, () => null);
        foreach (var _ in Enumerable.Range(0, 1_000))
        {
            raised.For(Guid.NewGuid(), () => null);
        }

        var checks = 0;
        raised.For(null, () => { checks++; return null; });
        raised.For(null, () => { checks++; return null; });
        raised.For(first, () => { checks++; return null; });

        Assert.Equal(3, checks);
    }

    [Fact]
    public void Remembering_messages_that_raised_nothing_allocates_nothing_once_the_ring_is_full()
    {
        var raised = new RaisedAlerts();
        var warm = Enumerable.Range(0, 1_500).Select(_ => Guid.NewGuid()).ToArray();
        var measured = Enumerable.Range(0, 1_500).Select(_ => Guid.NewGuid()).ToArray();
        Func<int, DriftDetected?> nothing = static _ => null;
        foreach (var id in warm)
        {
            raised.For(id, 0, nothing);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var id in measured)
        {
            raised.For(id, 0, nothing);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void An_alert_is_forgotten_with_its_message_id_and_a_later_retry_is_checked_again()
    {
        var raised = new RaisedAlerts();
        var message = Guid.NewGuid();
        var alert = Alert();
        raised.For(message, () => alert);
        foreach (var _ in Enumerable.Range(0, 1_000))
        {
            raised.For(Guid.NewGuid(), () => null);
        }

        Assert.Null(raised.For(message, () => null));
    }
}
