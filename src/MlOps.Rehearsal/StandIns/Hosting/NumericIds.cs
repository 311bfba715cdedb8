using System.Globalization;

namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>
/// IDs as Vertex AI generates them for models, endpoints, deployed models, jobs and operations: 19 decimal digits.
/// Each stand-in starts somewhere else, so that a caller cannot come to rely on particular values.
/// </summary>
internal sealed class NumericIds
{
    private long _last = Random.Shared.NextInt64(1_000_000_000_000_000_000, 8_000_000_000_000_000_000);

    public string Next() => Interlocked.Increment(ref _last).ToString(CultureInfo.InvariantCulture);
}
