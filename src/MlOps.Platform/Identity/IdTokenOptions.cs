using MlOps.Platform.Configuration;

namespace MlOps.Platform.Identity;

/// <summary>The caller's side of service-to-service identity (<c>MlOps:Identity</c>): where the ID tokens it presents come from.</summary>
public sealed class IdTokenOptions : ISettings
{
    public static string Section => "MlOps:Identity";

    /// <summary>Where calls to other services get their ID tokens.</summary>
    public IdTokenSource Tokens { get; set; } = IdTokenSource.None;

    /// <summary>The metadata server (Cloud Run's is <c>http://metadata.google.internal</c>).</summary>
    public string MetadataUrl { get; set; } = "http://metadata.google.internal";
}
