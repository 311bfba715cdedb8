using System.Text;
using MassTransit;
using Microsoft.Extensions.Options;

namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// The channels this environment configured (<c>DriftWatcher:Alerts</c>): the log, always; the topic when set; a
/// webhook per name. Owns the webhooks' HTTP client, which has no resilience handler: the delivery worker retries,
/// durably, and counts every attempt.
/// </summary>
internal sealed class AlertChannels : IDisposable
{
    private readonly HttpClient _http;

    public AlertChannels(IOptions<DriftWatcherOptions> options, IBus bus, ILogger<LogChannel> log, TimeProvider time)
    {
        var alerts = options.Value.Alerts;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(alerts.TimeoutSeconds),
        };
        List<IAlertChannel> all = [new LogChannel(log)];
        if (alerts.Topic is { Length: > 0 } topic)
        {
            all.Add(new TopicChannel(topic, bus));
        }

        foreach (var (name, webhook) in alerts.Webhooks.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            IReadOnlySet<string>? kinds = webhook.Kinds is { } listed ? ParseKinds(listed).ToHashSet(StringComparer.Ordinal) : null;
            all.Add(new WebhookChannel(name, new Uri(webhook.Url!), Encoding.UTF8.GetBytes(webhook.Secret!), kinds, _http, time));
        }

        All = all;
    }

    public IReadOnlyList<IAlertChannel> All { get; }

    public IAlertChannel? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    public IReadOnlyList<string> For(string kind) => [.. All.Where(c => c.Accepts(kind)).Select(c => c.Name)];

    public static IReadOnlyList<string> ParseKinds(string kinds) =>
        kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Dispose() => _http.Dispose();
}
