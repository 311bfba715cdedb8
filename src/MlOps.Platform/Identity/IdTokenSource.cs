namespace MlOps.Platform.Identity;

/// <summary>Where a service gets the ID tokens it presents to the services it calls.</summary>
public enum IdTokenSource
{
    /// <summary>Calls carry no token (local runs, tests).</summary>
    None,

    /// <summary>The metadata server's identity endpoint, as on Cloud Run: a Google-signed token for the callee's URL.</summary>
    Metadata,
}
