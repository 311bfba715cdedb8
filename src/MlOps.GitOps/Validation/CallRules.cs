using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>
/// A service that calls another presents an ID token minted for the URL it calls, and the callee accepts only tokens
/// for its own audience (docs/security.md): so the URL must be the callee's audience, and the caller must fetch tokens.
/// </summary>
internal static class CallRules
{
    private const string Audience = "MlOps:Identity:Audience";
    private const string Tokens = "MlOps:Identity:Tokens";

    public static void Check(ProblemReporter report)
    {
        var spec = report.Spec;
        var calls = ServiceCalls.Of(spec);
        foreach (var call in calls)
        {
            var path = $"services.{call.Caller.Name}.settings.{call.Url.Key}";
            if (spec.Find(call.Callee) is not { } callee)
            {
                report.Add(path, $"{spec.Name} runs no {call.Callee}");
            }
            else if (call.Url.Value is LiteralValue url && callee.Find(Audience)?.Value is LiteralValue audience && Trim(url.Text) != Trim(audience.Text))
            {
                report.Add(path, $"'{url.Text}' is not {call.Callee}'s URL as it knows it ('{audience.Text}', its {Audience}): {call.Caller.Name}'s ID tokens are minted for the URL it calls, and {call.Callee} accepts only tokens for its own");
            }
        }

        foreach (var caller in calls.GroupBy(c => c.Caller.Name))
        {
            var service = caller.First().Caller;
            if (SettingCatalog.Effective(service, Tokens) != "Metadata")
            {
                var callees = string.Join(", ", caller.Select(c => c.Callee).Distinct());
                report.Add($"services.{service.Name}.settings.{Tokens}", $"must be Metadata: {service.Name} calls {callees}, which accept a call only with an ID token for their URL, and on Cloud Run the metadata server mints them");
            }
        }
    }

    private static string Trim(string url) => url.TrimEnd('/');
}
