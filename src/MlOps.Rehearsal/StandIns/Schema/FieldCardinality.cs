namespace MlOps.Rehearsal.StandIns.Schema;

internal enum FieldCardinality
{
    Single,
    Repeated,

    /// <summary><c>map&lt;string, T&gt;</c>: a JSON object (every map in these APIs has string keys).</summary>
    Map,
}
