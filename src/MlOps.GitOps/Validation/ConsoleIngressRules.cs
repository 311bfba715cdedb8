using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>
/// How a browser reaches a service behind IAP on its Cloud Run service: ingress all (the run.app URL, guarded by IAP),
/// or internal-and-cloud-load-balancing behind the external Application Load Balancer that bootstrap sets up for
/// <c>iap.domain</c>, whose requests IAP on the service checks as well. Ingress internal would leave a browser no way in.
/// </summary>
internal static class ConsoleIngressRules
{
    public static void Check(ProblemReporter report, ServiceSpec service)
    {
        if (service.Iap is not { } iap)
        {
            return;
        }

        var path = $"services.{service.Name}";
        switch (service.Ingress)
        {
            case "internal":
                report.Add($"{path}.ingress", $"internal admits only requests from the project's VPC networks, so browsers could not reach {service.Name} at all, IAP or not; use internal-and-cloud-load-balancing with iap.domain (people come through the load balancer bootstrap sets up) or all (they open the run.app URL)");
                break;
            case "internal-and-cloud-load-balancing" when iap.Domain is null:
                report.Add($"{path}.iap.domain", $"missing: with ingress internal-and-cloud-load-balancing people reach {service.Name} only through a load balancer; set the host name it serves (console.mlops.acme.example), for which bootstrap creates the load balancer and its certificate");
                break;
        }

        if (iap.Domain is { } domain && !Names.DnsName().IsMatch(domain))
        {
            report.Add($"{path}.iap.domain", $"'{domain}' is not a DNS name: give the host people open, such as console.mlops.acme.example (lowercase labels of letters, digits and hyphens; no scheme, port, path, wildcard or trailing dot)");
        }
    }
}
