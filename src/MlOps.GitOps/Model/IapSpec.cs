namespace MlOps.GitOps.Model;

/// <summary>
/// Identity-Aware Proxy switched on for the Cloud Run service itself: every path to it (the run.app URL and any load
/// balancer in front included) asks the person to sign in, and only <see cref="Access"/> (IAM principals such as
/// <c>group:ml-team@acme.example</c>) get through, each holding <c>roles/iap.httpsResourceAccessor</c> on the service.
/// <see cref="Domain"/>: people come through an external Application Load Balancer at this host name, which bootstrap
/// sets up; null when they open the run.app URL.
/// </summary>
public sealed record IapSpec(IReadOnlyList<string> Access, string? Domain = null);
