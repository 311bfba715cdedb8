using MlOps.GitOps.Model;
using static MlOps.GitOps.Bootstrap.BootstrapPlanner;
using static MlOps.GitOps.Bootstrap.Shell;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// What Identity-Aware Proxy on a Cloud Run service (the console) needs before the first deploy: the IAP API, the
/// project's IAP service agent (the identity IAP invokes the service as), and the deploy build's right to set who may
/// pass IAP. The bindings on the service itself (the agent's roles/run.invoker, the access list's
/// roles/iap.httpsResourceAccessor) need the service to exist, so the deploy build sets them after each
/// <c>services replace</c> (cloudbuild-deploy.yaml, invoker-access), as it does allUsers on the public service.
/// </summary>
internal static class IapBootstrap
{
    public const string IapApi = "iap.googleapis.com";

    /// <summary>IAP Policy Admin: what Google asks of whoever grants access to an IAP-enabled service.</summary>
    public const string PolicyAdmin = "roles/iap.admin";

    public static bool On(EnvironmentSpec spec) => spec.Services.Any(s => s.Iap is not null);

    public static void Plan(EnvironmentSpec spec, PlanBuilder steps, string p)
    {
        if (!On(spec))
        {
            return;
        }

        // Like Vertex AI's, the agent may not exist before IAP is first used; creating it returns the existing one.
        steps.Add(new("the IAP service agent of the project, which invokes the services behind IAP (creating it again returns the existing one)",
            $"gcloud beta services identity create --service={IapApi} {p}"));
        var build = Email(spec, spec.Build.ServiceAccount);
        var services = string.Join(", ", spec.Services.Where(s => s.Iap is not null).Select(s => s.Name));
        steps.Grant(new(build, PolicyAdmin, $"project {spec.Project}"), new($"Cloud Build deploys: {PolicyAdmin}, to let {services}'s access list through IAP after each deploy",
            $"gcloud projects add-iam-policy-binding {Quote(spec.Project)} --member={Quote("serviceAccount:" + build)} --role={PolicyAdmin} --condition=None"));
    }
}
