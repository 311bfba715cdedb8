namespace MlOps.GitOps.Model;

/// <summary>
/// Identity-Aware Proxy switched on for the Cloud Run service itself: every path to it (the run.app URL included) asks
/// the person to sign in, and only <see cref="Access"/> (IAM principals such as <c>group:ml-team@acme.example</c>)
/// get through, each holding <c>roles/iap.httpsResourceAccessor</c> on the service.
/// </summary>
public sealed record IapSpec(IReadOnlyList<string> Access);
