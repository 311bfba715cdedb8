using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

internal static class PubSubRules
{
    public static void Check(ProblemReporter report)
    {
        var pubsub = report.Spec.PubSub;
        foreach (var topic in pubsub.Topics.Where(t => !IsName(t)))
        {
            report.Add("pubsub.topics", $"'{topic}' is not a topic name the transport uses (kebab-case, 3 to 255 characters, not starting with goog)");
        }

        foreach (var duplicate in pubsub.Topics.GroupBy(t => t).Where(g => g.Count() > 1))
        {
            report.Add("pubsub.topics", $"'{duplicate.Key}' is listed twice");
        }

        foreach (var missing in MessagingNames.MessageTopics.Except(pubsub.Topics))
        {
            report.Add("pubsub.topics", $"the message topic '{missing}' is missing; the services publish to it");
        }

        foreach (var endpoint in MessagingNames.Endpoints.Where(e => !pubsub.Topics.Contains(e)))
        {
            report.Add("pubsub.topics", $"the endpoint topic '{endpoint}' is missing; {endpoint} receives its messages there");
        }

        if (!pubsub.Topics.Contains(MessagingNames.PredictionLogs))
        {
            report.Add("pubsub.topics", $"the '{MessagingNames.PredictionLogs}' topic is missing; the log sink routes prediction log entries there");
        }

        foreach (var subscription in pubsub.Subscriptions)
        {
            var path = $"pubsub.subscriptions.{subscription.Name}";
            if (!IsName(subscription.Name))
            {
                report.Add(path, $"'{subscription.Name}' is not a subscription name the transport uses (kebab-case, 3 to 255 characters)");
            }

            if (!pubsub.Topics.Contains(subscription.Topic))
            {
                report.Add(path, $"the topic '{subscription.Topic}' is not in pubsub.topics");
            }
        }

        foreach (var expected in MessagingNames.Endpoints.Append(MessagingNames.PredictionLogs))
        {
            var subscription = pubsub.Subscriptions.FirstOrDefault(s => s.Name == expected);
            if (subscription is null)
            {
                report.Add("pubsub.subscriptions", $"the subscription '{expected}' (on topic '{expected}') is missing");
            }
            else if (subscription.Topic != expected)
            {
                report.Add($"pubsub.subscriptions.{expected}", $"must read the topic '{expected}', not '{subscription.Topic}'");
            }
        }

        var sink = report.Spec.LogSink;
        if (!Names.Sink().IsMatch(sink.Name))
        {
            report.Add("logSink.name", $"'{sink.Name}' is not a log sink name (letters, digits, _ . -)");
        }

        if (sink.Topic != MessagingNames.PredictionLogs)
        {
            report.Add("logSink.topic", $"must be '{MessagingNames.PredictionLogs}': the DriftWatcher reads prediction log entries from that topic's subscription");
        }
    }

    private static bool IsName(string name) =>
        name.Length is >= 3 and <= 255 && Names.KebabCase().IsMatch(name) && !name.StartsWith("goog", StringComparison.Ordinal);
}
