using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Platform.Messaging;

namespace MlOps.Services.Tests.Messaging;

/// <summary>What one host's <c>mlops.messages.faulted</c> counted (not another test's host), by "endpoint/message_type/exception_type".</summary>
internal sealed class FaultedCounter : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly MeterListener _listener;

    public FaultedCounter(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == MessagingMetrics.MeterName && instrument.Name == MessagingMetrics.FaultedInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var found = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                found[tag.Key] = tag.Value as string;
            }

            _counts.AddOrUpdate($"{found.GetValueOrDefault("endpoint")}/{found.GetValueOrDefault("message_type")}/{found.GetValueOrDefault("exception_type")}", value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public IReadOnlyDictionary<string, long> Counts => new Dictionary<string, long>(_counts);

    public long For(string endpoint) => _counts.Where(c => c.Key.StartsWith(endpoint + "/", StringComparison.Ordinal)).Sum(c => c.Value);

    public void Dispose() => _listener.Dispose();
}
