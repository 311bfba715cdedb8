using System.Security.Cryptography;
using System.Text;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// The resources of the external Application Load Balancer in front of one service, named after it: all global but
/// the serverless NEG, which lives in the service's region. The certificate is also named after the domain, since a
/// Google-managed certificate's domains cannot change: another domain gets another certificate.
/// </summary>
internal sealed record LoadBalancerNames(string Service, string Domain)
{
    /// <summary>Compute Engine's longest resource name.</summary>
    private const int MaxName = 63;

    public string Address => $"mlops-{Service}-ip";

    public string NetworkEndpointGroup => $"mlops-{Service}-neg";

    public string BackendService => $"mlops-{Service}-backend";

    public string UrlMap => $"mlops-{Service}-url-map";

    public string HttpsProxy => $"mlops-{Service}-https-proxy";

    public string ForwardingRule => $"mlops-{Service}-https";

    /// <summary><c>mlops-console-console-mlops-acme-example</c>; a domain too long for that is shortened and told apart by its hash.</summary>
    public string Certificate
    {
        get
        {
            var name = $"mlops-{Service}-{Domain.Replace('.', '-')}";
            if (name.Length <= MaxName)
            {
                return name;
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Domain)))[..8];
            return $"{name[..(MaxName - hash.Length - 1)].TrimEnd('-')}-{hash}";
        }
    }
}
