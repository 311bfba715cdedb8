using System.Net;

namespace MlOps.GoogleApis.Rest;

/// <summary>
/// A Google API refused a call: the HTTP status, Google's canonical status (<c>PERMISSION_DENIED</c>,
/// <c>NOT_FOUND</c>, …), and for a denial the permission and resource it names, so that the message
/// says what to grant or what is missing.
/// </summary>
public sealed class GoogleApiException(string message, HttpStatusCode statusCode, string? status, string? permission, string? resource, IReadOnlyList<string> fieldViolations)
    : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>Google's canonical code name, e.g. <c>PERMISSION_DENIED</c>.</summary>
    public string? Status { get; } = status;

    /// <summary>The IAM permission a 403 names.</summary>
    public string? Permission { get; } = permission;

    /// <summary>The resource the error is about.</summary>
    public string? Resource { get; } = resource;

    /// <summary>Each field a 400 names, as <c>field: description</c>.</summary>
    public IReadOnlyList<string> FieldViolations { get; } = fieldViolations;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;
}
