namespace MlOps.Rehearsal.StandIns.Schema;

internal enum ProtoJsonMode
{
    /// <summary>What a parser accepts: JSON or proto names, int64 as number or string; the copy uses JSON names.</summary>
    Request,

    /// <summary>What Google's printer writes: JSON names, int64 as strings, default scalars and empty lists left out.</summary>
    Response,
}
