using MlOps.GitOps.Model;
using static MlOps.GitOps.Bootstrap.Shell;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// The external Application Load Balancer people reach a service behind IAP through when its ingress keeps the
/// run.app URL off the internet (<c>iap.domain</c>): a global address, a serverless NEG for the Cloud Run service, a
/// backend service, a URL map, a Google-managed certificate for the domain, an HTTPS proxy and a forwarding rule on 443,
/// in the order each needs the one before. IAP stays on the Cloud Run service, which Google documents as protecting a
/// load balancer in front of it too, so the backend service has none (Google allows IAP on only one of the two).
/// The DNS record is the operator's: the last step prints the address to point it at.
/// </summary>
internal static class LoadBalancerBootstrap
{
    public const string ComputeApi = "compute.googleapis.com";

    public static IEnumerable<(ServiceSpec Service, LoadBalancerNames Names)> Fronted(EnvironmentSpec spec) =>
        spec.Services.Where(s => s.Iap?.Domain is not null).Select(s => (s, new LoadBalancerNames(s.Name, s.Iap!.Domain!)));

    public static bool On(EnvironmentSpec spec) => Fronted(spec).Any();

    public static void Plan(EnvironmentSpec spec, PlanBuilder steps, string p)
    {
        var region = Quote(spec.Region);
        foreach (var (service, lb) in Fronted(spec))
        {
            var domain = lb.Domain;
            steps.Add(new($"global IPv4 address {lb.Address}: where {domain} points (its DNS A record)",
                $"gcloud compute addresses create {lb.Address} --network-tier=PREMIUM --ip-version=IPV4 --global {p}",
                $"gcloud compute addresses describe {lb.Address} --global {p}"));
            steps.Add(new($"serverless network endpoint group {lb.NetworkEndpointGroup}: Cloud Run service {service.Name} in {spec.Region}, the load balancer's backend",
                $"gcloud compute network-endpoint-groups create {lb.NetworkEndpointGroup} --region={region} --network-endpoint-type=serverless --cloud-run-service={service.Name} {p}",
                $"gcloud compute network-endpoint-groups describe {lb.NetworkEndpointGroup} --region={region} {p}"));
            steps.Add(new($"backend service {lb.BackendService} of a global external Application Load Balancer, without IAP: IAP is on the Cloud Run service",
                $"gcloud compute backend-services create {lb.BackendService} --load-balancing-scheme=EXTERNAL_MANAGED --global {p}",
                $"gcloud compute backend-services describe {lb.BackendService} --global {p}"));
            // Adding a backend that is there already is refused, so the guard looks for it among the service's backends.
            steps.Add(new($"backend service {lb.BackendService}: {lb.NetworkEndpointGroup} as its backend, unless it is one already",
                $"gcloud compute backend-services add-backend {lb.BackendService} --global --network-endpoint-group={lb.NetworkEndpointGroup} --network-endpoint-group-region={region} {p}",
                $"gcloud compute backend-services describe {lb.BackendService} --global {p} --format='value(backends[].group)' | grep -qE '/regions/{spec.Region}/networkEndpointGroups/{lb.NetworkEndpointGroup}(;|$)'"));
            steps.Add(new($"URL map {lb.UrlMap}: every request to {lb.BackendService}",
                $"gcloud compute url-maps create {lb.UrlMap} --default-service={lb.BackendService} --global {p}",
                $"gcloud compute url-maps describe {lb.UrlMap} --global {p}"));
            steps.Add(new($"Google-managed certificate {lb.Certificate} for {domain}",
                $"gcloud compute ssl-certificates create {lb.Certificate} --domains={domain} --global {p}",
                $"gcloud compute ssl-certificates describe {lb.Certificate} --global {p}"));
            steps.Add(new($"target HTTPS proxy {lb.HttpsProxy}: TLS for {domain}, then URL map {lb.UrlMap}",
                $"gcloud compute target-https-proxies create {lb.HttpsProxy} --url-map={lb.UrlMap} --ssl-certificates={lb.Certificate} --global {p}",
                $"gcloud compute target-https-proxies describe {lb.HttpsProxy} --global {p}"));
            steps.Add(new($"target HTTPS proxy {lb.HttpsProxy}: exactly the certificate for {domain}, also after the domain changed (setting the same one again changes nothing)",
                $"gcloud compute target-https-proxies update {lb.HttpsProxy} --ssl-certificates={lb.Certificate} --global {p}"));
            steps.Add(new($"forwarding rule {lb.ForwardingRule}: HTTPS on port 443 of {lb.Address} to {lb.HttpsProxy}",
                $"gcloud compute forwarding-rules create {lb.ForwardingRule} --load-balancing-scheme=EXTERNAL_MANAGED --network-tier=PREMIUM --address={lb.Address} --target-https-proxy={lb.HttpsProxy} --global --ports=443 {p}",
                $"gcloud compute forwarding-rules describe {lb.ForwardingRule} --global {p}"));
            steps.Add(new($"DNS is set by hand: Google provisions {lb.Certificate} only once {domain} resolves to the address of {lb.Address}, which may take up to an hour after the record is made",
                $"echo \"{service.Name}: point the DNS A record of {domain} at $(gcloud compute addresses describe {lb.Address} --global {p} --format='value(address)'); https://{domain}/ answers once certificate {lb.Certificate} is ACTIVE (gcloud compute ssl-certificates describe {lb.Certificate} --global {p})\""));
        }
    }
}
