namespace MlOps.GitOps.Rendering;

/// <summary>One line of an image-pins file: <c>service=repository@sha256:digest</c>, and where it was written.</summary>
public sealed record ImagePin(string Service, string Image, int Line);
