namespace MlOps.Trainer;

/// <summary>Where training runs (<c>Trainer:Backend</c>).</summary>
public enum TrainingBackend
{
    /// <summary>In the Trainer's own process.</summary>
    Local,

    /// <summary>As a Vertex AI custom job running the Trainer image, on the machine type the environment names.</summary>
    CustomJob,
}
