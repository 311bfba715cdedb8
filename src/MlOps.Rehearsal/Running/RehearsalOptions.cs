namespace MlOps.Rehearsal.Running;

/// <summary>Where rehearsal runs from and what stands in for Google Cloud here.</summary>
public sealed record RehearsalOptions(string RepositoryRoot, string WorkFolder)
{
    /// <summary>The build of the service hosts to run (<c>services/&lt;Name&gt;.Host/bin/&lt;Configuration&gt;</c>).</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>This machine's cap on instances per service, whatever the manifest's minimum scale.</summary>
    public int MaxInstancesPerService { get; init; } = 2;

    /// <summary>Secret values by secret name (Secret Manager stands here); missing ones are made up, and saved beside the run.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>A PostgreSQL server (admin connection string) standing in for Cloud SQL: each database secret gets a fresh database on it.</summary>
    public string? Postgres { get; init; }

    /// <summary>The Google Cloud permissions each service's account holds (by service name), as bootstrap grants them; the Vertex AI stand-in refuses the rest. Null allows everything.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>>? VertexPermissions { get; init; }

    /// <summary>Runs the deploy builds a gitops deployer starts through the Cloud Build stand-in (the environment's cloudbuild-deploy.yaml, as it can run here); required when the deployer rolls out through gitops.</summary>
    public MlOps.Rehearsal.StandIns.CloudBuild.IBuildRunner? DeployBuild { get; init; }

    /// <summary>The Cloud Build permissions each service's account holds (by service name), as bootstrap grants them; the Cloud Build stand-in refuses the rest. Null allows everything.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>>? CloudBuildPermissions { get; init; }

    /// <summary>An emulator to use rather than starting <c>.tools/pubsub-server</c>.</summary>
    public string? PubSubEmulatorHost { get; init; }
}
