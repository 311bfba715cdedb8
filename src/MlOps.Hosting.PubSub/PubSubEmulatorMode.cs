namespace MlOps.Hosting.PubSub;

/// <summary>How the emulator runs.</summary>
public enum PubSubEmulatorMode
{
    /// <summary>Google's emulator from the Cloud SDK image (needs a container runtime).</summary>
    Container,

    /// <summary>A Pub/Sub server binary on this machine, such as our pstest-based <c>.tools/pubsub-server</c>.</summary>
    Executable,
}
