using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary><paramref name="Caller"/> calls <paramref name="Callee"/>'s HTTP API at the URL its <paramref name="Url"/> setting (<c>services:&lt;callee&gt;:http:0</c>) names.</summary>
public sealed record ServiceCall(ServiceSpec Caller, string Callee, Setting Url);
