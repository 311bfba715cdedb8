using MlOps.Contracts.Fleet;

namespace MlOps.Predictor.Serving;

/// <summary>A shadow compared with the answers given: instances compared, labels agreed, scorings failed, and the served scores of the same instances.</summary>
public sealed class ShadowCounters
{
    private readonly long[] _servedScores = new long[FleetHistograms.ScoreBuckets];
    private long _compared;
    private long _agreed;
    private long _errors;

    public void Compare(ReadOnlySpan<float> served, ReadOnlySpan<float> shadow, Func<float, string> servedLabel, Func<float, string> shadowLabel)
    {
        var agreed = 0;
        for (var i = 0; i < served.Length; i++)
        {
            if (servedLabel(served[i]) == shadowLabel(shadow[i]))
            {
                agreed++;
            }

            Interlocked.Increment(ref _servedScores[FleetHistograms.ScoreBucket(served[i])]);
        }

        Interlocked.Add(ref _compared, served.Length);
        Interlocked.Add(ref _agreed, agreed);
    }

    public void Failed() => Interlocked.Increment(ref _errors);

    public ShadowReport Report() =>
        new(Interlocked.Read(ref _compared), Interlocked.Read(ref _agreed), Interlocked.Read(ref _errors), VersionCounters.Snapshot(_servedScores));
}
