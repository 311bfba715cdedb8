using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;

namespace MlOps.Rehearsal.StandIns.Models;

/// <summary>A model name as Vertex AI takes it: <c>projects/{p}/locations/{l}/models/{model}</c>, with <c>@{version ID or alias}</c> or without.</summary>
internal sealed record ModelReference(string Id, string? Version)
{
    public static ModelReference? Parse(string name, ResourceNames names)
    {
        var last = names.IdIn("models", name);
        var at = last?.IndexOf('@') ?? -1;
        return last is null ? null
            : at < 0 ? new ModelReference(last, null)
            : at == 0 || at == last.Length - 1 ? null
            : new ModelReference(last[..at], last[(at + 1)..]);
    }

    /// <summary>The ready model version <paramref name="name"/> names, or 404 naming it; under the gate.</summary>
    public static (ModelRecord Model, ModelVersionRecord Version) Resolve(StandInState state, string name)
    {
        var reference = Parse(name, state.Names);
        if (reference is not null && state.Models.TryGetValue(reference.Id, out var model) && model.Find(reference.Version) is { } version)
        {
            return (model, version);
        }

        throw RpcErrors.NotFound("Model", name);
    }
}
