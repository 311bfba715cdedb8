using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>
/// Every service's state-changing APIs accept only ID tokens issued for its own URL (docs/security.md): without
/// <c>MlOps:Identity:Audience</c> a service answers only loopback callers, which on Cloud Run is nobody, and an
/// audience naming another service would let a token meant for that one change this one's state.
/// </summary>
internal static class IdentityRules
{
    private const string Audience = "MlOps:Identity:Audience";

    public static void Check(ProblemReporter report, ServiceSpec service)
    {
        // The console reads no audience of its own: IAP signs for it (ConsoleRules).
        if (SettingCatalog.Find(Audience)?.ReadBy(service.Name) != true)
        {
            return;
        }

        var path = $"services.{service.Name}.settings.{Audience}";
        var audience = service.Find(Audience)?.Value;
        if (audience is null)
        {
            report.Add(path, $"missing: its state-changing APIs accept only ID tokens issued for its own URL; set its Cloud Run URL (https://{service.Name}-<project-number>.<region>.run.app)");
        }
        else if (audience is LiteralValue literal && Names.RunAppUrl().Match(literal.Text) is { Success: true } url && url.Groups["service"].Value != service.Name)
        {
            report.Add(path, $"'{literal.Text}' is the URL of {url.Groups["service"].Value}, not {service.Name}: a token for that service would change this one's state");
        }
    }
}
