namespace MlOps.Reliability.Tests.Fuzzing;

/// <summary>One generated request: the route, the kind of badness, the path (its model segment maybe replaced), the body bytes and the content type (null: none sent).</summary>
internal sealed record BodyCase(FuzzRoute Route, string Kind, string Path, byte[] Body, string? ContentType);
