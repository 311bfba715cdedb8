namespace MlOps.GitOps.Validation;

public enum SettingUse
{
    /// <summary>Written in an environment file.</summary>
    Settable,

    /// <summary>Set by the renderer from other keys; writing it by hand is an error.</summary>
    Derived,

    /// <summary>Meaningful only outside Cloud Run (an emulator, Vertex AI).</summary>
    NotOnCloudRun,
}
