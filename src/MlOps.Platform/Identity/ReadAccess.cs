namespace MlOps.Platform.Identity;

/// <summary>Who may call a service's read-only routes (<c>MlOps:Identity:ReadOnly</c>).</summary>
public enum ReadAccess
{
    /// <summary>Anyone who reaches the service (on Cloud Run: whoever its IAM lets in).</summary>
    Open,

    /// <summary>Only callers the state-changing routes would authenticate: an ID token for this service, or loopback without an audience.</summary>
    Authenticated,
}
