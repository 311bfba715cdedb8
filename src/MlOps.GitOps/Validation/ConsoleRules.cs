using System.Text.RegularExpressions;
using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>
/// People open the console through Identity-Aware Proxy: IAP on its Cloud Run service (the <c>iap</c> section, Google's
/// recommended setup, which guards the run.app URL and any load balancer in front alike; how browsers get there is
/// <see cref="ConsoleIngressRules"/>'s) or IAP on the backend service of a load balancer in front of it. Either way IAP
/// signs a JWT for one audience on every request it lets through and the console admits nothing else, so that audience
/// must be set, and be the one IAP signs for.
/// </summary>
internal static partial class ConsoleRules
{
    public const string AudienceKey = "Console:Iap:Audience";
    public const string OperatorsKey = "Console:Operators";

    /// <summary>How the console splits <c>Console:Operators</c> (ConsoleOptions.OperatorSet).</summary>
    private static readonly char[] OperatorSeparators = [',', ' ', ';', '\n'];

    public static void Check(ProblemReporter report)
    {
        var spec = report.Spec;
        foreach (var service in spec.Services.Where(s => s.Iap is not null && s.Name != ServiceNames.Console))
        {
            report.Add($"services.{service.Name}.iap", $"only the console is opened to people through IAP; {service.Name} is called by service identities and Pub/Sub, and IAP would ask them to sign in");
        }

        if (spec.Find(ServiceNames.Console) is not { } console)
        {
            return;
        }

        var settings = $"services.{ServiceNames.Console}.settings";
        Audience(report, console, $"{settings}.{AudienceKey}");
        if (console.Iap is { } iap)
        {
            Access(report, iap, $"services.{ServiceNames.Console}.iap.access");
        }

        ConsoleIngressRules.Check(report, console);

        Operators(report, console, $"{settings}.{OperatorsKey}");
        foreach (var callee in ServiceNames.ConsoleReads.Where(c => console.Find(ServiceCalls.UrlKey(c)) is null))
        {
            report.Add($"{settings}.{ServiceCalls.UrlKey(callee)}", $"missing: the console reads {callee}'s API at this URL; set its Cloud Run URL (https://{callee}-<project-number>.<region>.run.app)");
        }
    }

    private static void Audience(ProblemReporter report, ServiceSpec console, string path)
    {
        var spec = report.Spec;
        var onService = console.Iap is not null;
        var expected = onService
            ? $"/projects/<project-number>/locations/{spec.Region}/services/{ServiceNames.Console} (IAP on its Cloud Run service)"
            : "/projects/<project-number>/global/backendServices/<backend-service-id> (IAP on the load balancer's backend service in front of it)";
        switch (console.Find(AudienceKey)?.Value)
        {
            case null:
                report.Add(path, $"missing: the console admits a request only with IAP's signed header for its audience; set {expected}");
                break;
            case SecretValue:
                report.Add(path, "is no credential: write it as a value, so validation can check it is the audience IAP signs for");
                break;
            case LiteralValue { Text: var text }:
                var run = RunAudience().Match(text);
                var backend = BackendAudience().Match(text);
                var signed = onService
                    ? run.Success && run.Groups["region"].Value == spec.Region && run.Groups["service"].Value == ServiceNames.Console ? run : null
                    : backend.Success ? backend : null;
                if (signed is null)
                {
                    var why = (onService, run.Success, backend.Success) switch
                    {
                        (true, _, true) => "the audience of IAP on a load balancer's backend service, but IAP is on the console's Cloud Run service (iap)",
                        (false, true, _) => "the audience of IAP on a Cloud Run service, but the console has no iap section (turn IAP on for it with iap.access, or give the backend service's audience)",
                        _ => "not the audience IAP signs for",
                    };
                    report.Add(path, $"'{text}' is {why}; IAP signs for {expected}");
                }
                else if (ProjectNumbers(spec).FirstOrDefault(n => n != signed.Groups["number"].Value) is { } number)
                {
                    report.Add(path, $"project number {signed.Groups["number"].Value} is not {spec.Project}'s: the services' run.app URLs carry {number}, and IAP signs for the project the console runs in");
                }

                break;
        }
    }

    private static void Access(ProblemReporter report, IapSpec iap, string path)
    {
        if (iap.Access.Count == 0)
        {
            report.Add(path, "nobody could open the console; grant a group (group:ml-team@acme.example) or people (user:…)");
        }

        foreach (var member in iap.Access)
        {
            if (member is "allUsers" or "allAuthenticatedUsers")
            {
                report.Add(path, $"{member} lets anyone (with any Google account) through IAP to the console; name the group or people who operate the platform");
            }
            else if (!Names.Principal().IsMatch(member))
            {
                report.Add(path, $"'{member}' is not a principal IAP admits: user:, group: or serviceAccount: with an email, or domain:");
            }
        }

        foreach (var member in iap.Access.GroupBy(m => m, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            report.Add(path, $"'{member}' is listed more than once");
        }
    }

    private static void Operators(ProblemReporter report, ServiceSpec console, string path)
    {
        if (console.Find(OperatorsKey)?.Value is not LiteralValue literal)
        {
            return;
        }

        foreach (var entry in literal.Text.Split(OperatorSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains(':', StringComparison.Ordinal))
            {
                report.Add(path, $"'{entry}' is a principal, not an email: the console compares the signed-in person's email with this list and expands no group; list emails, or leave it empty so everyone iap.access admits may act");
            }
            else if (!Names.Email().IsMatch(entry))
            {
                report.Add(path, $"'{entry}' is not an email");
            }
        }
    }

    /// <summary>The project numbers in the environment's run.app URLs (the services' audiences and the URLs their callers use).</summary>
    private static IEnumerable<string> ProjectNumbers(EnvironmentSpec spec) =>
        spec.Services.SelectMany(s => s.Settings).Select(s => s.Value).OfType<LiteralValue>()
            .Select(v => Names.RunAppUrl().Match(v.Text)).Where(m => m.Success).Select(m => m.Groups["number"].Value).Distinct();

    [GeneratedRegex("^/projects/(?<number>[0-9]+)/locations/(?<region>[a-z0-9-]+)/services/(?<service>[a-z0-9-]+)$")]
    private static partial Regex RunAudience();

    [GeneratedRegex("^/projects/(?<number>[0-9]+)/global/backendServices/(?<id>[0-9]+)$")]
    private static partial Regex BackendAudience();
}
