namespace MlOps.PubSub;

/// <summary>Where the client connects: an emulator (plaintext, no credentials) or Google Cloud (TLS + ADC).</summary>
public sealed record PubSubClientSettings
{
    public const string EmulatorHostVariable = "PUBSUB_EMULATOR_HOST";
    public const string ProjectVariable = "GOOGLE_CLOUD_PROJECT";
    public const string EmulatorProjectVariable = "PUBSUB_PROJECT_ID";
    public const string DefaultProjectId = "mlops-local";
    public const string ProductionEndpoint = "pubsub.googleapis.com:443";
    public const string Scope = "https://www.googleapis.com/auth/pubsub";

    public string ProjectId { get; init; } = DefaultProjectId;

    /// <summary><c>host:port</c> of an emulator; when null, <see cref="EmulatorHostVariable"/> is read.</summary>
    public string? EmulatorHost { get; init; }

    /// <summary>Whether <see cref="EmulatorHostVariable"/> may name an emulator when <see cref="EmulatorHost"/> is not set.</summary>
    public bool ReadEmulatorVariable { get; init; } = true;

    /// <summary>Google Cloud endpoint used when no emulator is configured.</summary>
    public string Endpoint { get; init; } = ProductionEndpoint;

    /// <summary>Adjusts the HTTP/2 handler before the channel is built, e.g. for a proxy or a private certificate authority.</summary>
    public Action<SocketsHttpHandler>? ConfigureHttpHandler { get; init; }

    public PubSubRetrySettings Retry { get; init; } = PubSubRetrySettings.Default;

    /// <summary>Settings from <see cref="EmulatorHostVariable"/> and the project variables.</summary>
    public static PubSubClientSettings FromEnvironment(string? projectId = null) => new()
    {
        ProjectId = ResolveProjectId(projectId),
    };

    /// <summary>
    /// The configured project, else <see cref="EmulatorProjectVariable"/> (set beside the emulator host by
    /// <c>gcloud beta emulators pubsub env-init</c> and Aspire), else <see cref="ProjectVariable"/>, else <see cref="DefaultProjectId"/>.
    /// </summary>
    public static string ResolveProjectId(string? configured) =>
        NonEmpty(configured)
        ?? NonEmpty(Environment.GetEnvironmentVariable(EmulatorProjectVariable))
        ?? NonEmpty(Environment.GetEnvironmentVariable(ProjectVariable))
        ?? DefaultProjectId;

    /// <summary>The emulator in use (explicit, else the environment variable), or null for Google Cloud.</summary>
    public string? ResolveEmulatorHost() =>
        NonEmpty(EmulatorHost) ?? (ReadEmulatorVariable ? NonEmpty(Environment.GetEnvironmentVariable(EmulatorHostVariable)) : null);

    public Uri ResolveAddress()
    {
        var emulator = ResolveEmulatorHost();
        return emulator is null ? new Uri($"https://{Endpoint}") : new Uri($"http://{emulator}");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
