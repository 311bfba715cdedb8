namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>One entry of a google.rpc.BadRequest: the field (a lowerCamelCase path into the request) and what is wrong with it.</summary>
internal sealed record FieldViolation(string Field, string Description);
