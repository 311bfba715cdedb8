namespace MlOps.Rehearsal.StandIns.Routing;

/// <summary>
/// One method as a stand-in serves it: its HTTP binding, the request message and which part of it the body
/// carries (<c>*</c>, a field, or none), the response message the stand-in's answer is checked against (none for
/// one it passes on from a container), and the IAM permission it needs on the resource its path names. What serves
/// it is in <see cref="StandInRoute{TApis}"/>.
/// </summary>
internal abstract record StandInRoute(
    HttpRule Rule,
    string Rpc,
    string Request,
    string? Body,
    string? Response,
    string Permission,
    string ResourceField)
{
    /// <summary>Fields whose own REQUIRED fields are left to the method: an update's resource, of which only the masked fields count.</summary>
    public IReadOnlyCollection<string> Opaque { get; init; } = [];
}
