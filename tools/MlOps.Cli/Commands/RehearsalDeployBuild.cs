using System.Collections.Concurrent;
using System.Globalization;
using MlOps.Contracts;
using MlOps.GitOps;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Pins;
using MlOps.GitOps.Rendering;
using MlOps.GitOps.Validation;
using MlOps.Rehearsal.StandIns.CloudBuild;

namespace MlOps.Cli.Commands;

/// <summary>
/// The environment's deploy build (cloudbuild-deploy.yaml) as the Cloud Build stand-in runs it in a rehearsal: it
/// refuses a branch that is not the environment's, validates and renders the environment from a copy of the
/// environments folder (the branch's checkout), checks that what it rendered is what the rehearsal runs, and records a
/// gitops rollout's pin in that copy's pins.yaml, the way the build's steps do. What it does not do here is
/// <c>gcloud run services replace</c>: the rehearsal already runs the manifests this build would deploy.
/// </summary>
internal sealed class RehearsalDeployBuild(string environmentsFolder, string environment, IReadOnlyDictionary<string, string> runningManifests) : IBuildRunner
{
    private readonly ConcurrentQueue<string> _pins = new();
    private int _builds;

    public int Builds => _builds;

    /// <summary>Each pin recorded, as <c>model vN</c>, in order.</summary>
    public IReadOnlyList<string> Pins => [.. _pins];

    public string PinsPath => PinsFile.PathIn(Path.Combine(environmentsFolder, environment));

    public Task<BuildRunOutcome> RunAsync(BuildLaunch launch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _builds);
        var branch = GitOpsRollouts.BranchOf(environment);
        if (launch.Branch != branch)
        {
            return Failed($"environment-branch: refusing to deploy: '{launch.Branch}' is not the environment branch {branch}");
        }

        var check = EnvironmentLoader.Check(new EnvironmentsFolder(environmentsFolder), environment);
        if (!check.IsValid)
        {
            return Failed($"validate: {string.Join("; ", check.Problems)}");
        }

        foreach (var service in ServiceRenderer.Render(check.Spec!))
        {
            if (!runningManifests.TryGetValue(service.Name, out var running) || running != KnativeManifest.ToYaml(service))
            {
                return Failed($"render: {service.Name}'s manifest differs from the one the environment runs");
            }
        }

        var substitutions = launch.Substitutions;
        if (substitutions.GetValueOrDefault(DeployBuildSubstitutions.Model) is not { Length: > 0 } model)
        {
            return Task.FromResult(BuildRunOutcome.Success);
        }

        if (!int.TryParse(substitutions.GetValueOrDefault(DeployBuildSubstitutions.Version), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return Failed($"record-pin: {DeployBuildSubstitutions.Version} '{substitutions.GetValueOrDefault(DeployBuildSubstitutions.Version)}' is not a version");
        }

        try
        {
            PinsFile.Record(environmentsFolder, check.Spec!, new ModelPin(model, version, substitutions.GetValueOrDefault(DeployBuildSubstitutions.PackageUri) ?? "", substitutions.GetValueOrDefault(DeployBuildSubstitutions.DeploymentId)));
        }
        catch (EnvironmentException e)
        {
            return Failed($"record-pin: {e.Message}");
        }

        _pins.Enqueue($"{model} v{version}");
        return Task.FromResult(BuildRunOutcome.Success);
    }

    private static Task<BuildRunOutcome> Failed(string detail) => Task.FromResult(BuildRunOutcome.Failure(detail));
}
