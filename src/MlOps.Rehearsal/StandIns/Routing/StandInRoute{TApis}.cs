namespace MlOps.Rehearsal.StandIns.Routing;

/// <summary>A route with the method of <typeparamref name="TApis"/> (the stand-in's services) that serves it.</summary>
internal sealed record StandInRoute<TApis>(
    HttpRule Rule,
    string Rpc,
    string Request,
    string? Body,
    string? Response,
    string Permission,
    string ResourceField,
    StandInHandler<TApis> Handler)
    : StandInRoute(Rule, Rpc, Request, Body, Response, Permission, ResourceField);
