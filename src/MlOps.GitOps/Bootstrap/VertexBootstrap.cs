using MlOps.GitOps.Model;
using MlOps.GitOps.Validation;
using static MlOps.GitOps.Bootstrap.BootstrapPlanner;
using static MlOps.GitOps.Bootstrap.Shell;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// What the Vertex AI features an environment turns on need before a service calls Vertex AI: the APIs, one custom role
/// per calling service bound to its account, the identities models and jobs run as, and the Vertex AI service agent's
/// access to the artifacts it copies and the images it pulls. An environment with every feature off gets none of it.
/// </summary>
internal static class VertexBootstrap
{
    public const string VertexApi = "aiplatform.googleapis.com";

    /// <summary>The deployer judges endpoint rollouts on Vertex AI's prediction metrics, which it reads from Cloud Monitoring.</summary>
    public const string MonitoringApi = "monitoring.googleapis.com";

    public static IEnumerable<string> Apis(VertexFeatures features)
    {
        if (features.Any)
        {
            yield return VertexApi;
        }

        if (features.Endpoint)
        {
            yield return MonitoringApi;
        }
    }

    public static void Plan(EnvironmentSpec spec, VertexFeatures features, PlanBuilder steps, string p, string bucket)
    {
        if (!features.Any)
        {
            return;
        }

        foreach (var service in spec.Services.Where(s => features.CallsVertex(s.Name)))
        {
            Role(spec, service, VertexRoles.For(service.Name)!, steps, p);
        }

        var deployer = spec.Service(ServiceNames.Deployer);
        var predictor = spec.Service(ServiceNames.Predictor);
        if (features.Endpoint && !deployer.ActAs.Contains(predictor.Name))
        {
            steps.Grant(ActAs(spec, deployer, predictor, p, "so the models it deploys to Vertex AI endpoints run as the predictor"));
        }

        if (features.CustomJob)
        {
            var trainer = spec.Service(ServiceNames.Trainer);
            steps.Grant(ActAs(spec, trainer, trainer, p, "so its Vertex AI CustomJobs run as the trainer"));
        }

        // The agent exists only once Vertex AI was first used; creating it returns the existing one, so the grants below never miss it.
        steps.Add(new("the Vertex AI service agent of the project (creating it again returns the existing one)",
            $"gcloud beta services identity create --service={VertexApi} {p}"));
        var agent = ServiceAgent.VertexAi;
        if (features.Mirror)
        {
            steps.Grant(new(agent.Display, "roles/storage.objectViewer", $"bucket {bucket}"), new("Vertex AI service agent: read the artifact bucket (an uploaded model's artifactUri is copied from it)",
                $"gcloud storage buckets add-iam-policy-binding {Quote(bucket)} --member=\"{agent.Member(spec)}\" --role=roles/storage.objectViewer"));
        }

        var images = new[] { (features.Mirror, predictor.Image), (features.CustomJob, spec.Service(ServiceNames.Trainer).Image) };
        foreach (var repository in images.Where(i => i.Item1).Select(i => ForeignRepository(spec, i.Image)).OfType<ArtifactRepository>().Distinct())
        {
            steps.Grant(PullFrom(spec, repository, agent, $"let Vertex AI in {spec.Project}"));
        }
    }

    /// <summary>Creates the role, then sets its permissions, so a role made by an earlier bootstrap ends up with today's list too.</summary>
    internal static void Role(EnvironmentSpec spec, ServiceSpec service, CustomRole role, PlanBuilder steps, string p)
    {
        var definition = $"--title={Quote(role.Title)} --permissions={string.Join(',', role.Permissions)} --stage=GA";
        steps.Add(new($"custom role {role.Id}: {role.Title}",
            $"gcloud iam roles create {role.Id} {p} {definition}",
            $"gcloud iam roles describe {role.Id} {p}"));
        steps.Add(new($"custom role {role.Id}: exactly these permissions (setting the same list again changes nothing)",
            $"gcloud iam roles update {role.Id} {p} {definition}"));
        var email = Email(spec, service.ServiceAccount);
        steps.Grant(new(email, role.Name(spec.Project), $"project {spec.Project}") { Permissions = role.Permissions }, new($"{service.Name}: {role.Id}",
            $"gcloud projects add-iam-policy-binding {Quote(spec.Project)} --member={Quote("serviceAccount:" + email)} --role={role.Name(spec.Project)} --condition=None"));
    }
}
