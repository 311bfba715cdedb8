using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Core.Schema;
using MlOps.Core.Statistics;
using MlOps.Platform.Collections;
using FeatureHistogram = MlOps.Core.Statistics.FeatureHistogram;
using HistogramView = MlOps.Contracts.Api.FeatureHistogram;

namespace MlOps.DriftWatcher.Monitoring;

/// <summary>
/// Windowed feature distributions of one served version, counted into the buckets of its training
/// baseline, and its newest closed windows. Not thread-safe: <see cref="DriftMonitor"/> serialises access.
/// </summary>
public sealed class VersionMonitor
{
    /// <summary>How many closed windows each version keeps for the history API.</summary>
    public const int KeptWindows = 200;

    private readonly FeatureDefinition[] _features;
    private readonly IReadOnlyList<string>[] _bucketNames;
    private readonly Recent<DriftWindow> _history = new(KeptWindows);
    private readonly FeatureHistogram[] _current;
    private readonly double[][] _reference;
    private readonly double[] _thresholds;
    private double[][]? _previous;
    private FeatureValue[] _values = [];
    private DateTimeOffset _windowStart;

    private readonly double _driftFactor;

    public VersionMonitor(string model, int version, string packageUri, FeatureSchema schema, DatasetBaseline baseline, DriftThresholds thresholds, double driftFactor = 1.0)
    {
        _driftFactor = driftFactor;
        Model = model;
        Version = version;
        PackageUri = packageUri;
        var monitored = schema.Features.Where(f => baseline.Find(f.Name)?.Kind == f.Kind).ToArray();
        _features = monitored;
        _current = monitored.Select(f => new FeatureHistogram(baseline.Find(f.Name)!)).ToArray();
        _reference = monitored.Select(f => baseline.Find(f.Name)!.Proportions()).ToArray();
        _bucketNames = monitored.Select(f => baseline.Find(f.Name)!.BucketNames()).ToArray();
        _thresholds = monitored.Select(f => thresholds.For(f.Name, f.Kind)).ToArray();
    }

    public string Model { get; }

    public int Version { get; }

    public string PackageUri { get; }

    public long Count => _current.Length == 0 ? 0 : _current[0].Count;

    public DateTimeOffset WindowStart => _windowStart;

    public DriftWindow? LastWindow { get; private set; }

    /// <summary>The newest <see cref="KeptWindows"/> closed windows, oldest first.</summary>
    public IReadOnlyList<DriftWindow> Windows => _history.Snapshot();

    /// <summary>
    /// Counts every instance of an entry, or none of them: why one does not fit the schema, or null when all were counted.
    /// Each value is looked up once, into a buffer kept between calls, since this runs for every log entry.
    /// </summary>
    public string? TryAdd(IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>> instances, DateTimeOffset at)
    {
        var width = _features.Length;
        if (_values.Length < instances.Count * width)
        {
            _values = new FeatureValue[instances.Count * width];
        }

        for (var row = 0; row < instances.Count; row++)
        {
            var instance = instances[row];
            for (var i = 0; i < width; i++)
            {
                var feature = _features[i];
                if (!instance.TryGetValue(feature.Name, out var value))
                {
                    return $"feature '{feature.Name}' is missing";
                }

                if (value.Invalid || (feature.IsNumeric && value.Text is not null) || (!feature.IsNumeric && value.Number is not null && value.Text is null))
                {
                    return $"feature '{feature.Name}' has a value of the wrong type";
                }

                _values[row * width + i] = value;
            }
        }

        if (Count == 0)
        {
            _windowStart = at;
        }

        for (var row = 0; row < instances.Count; row++)
        {
            for (var i = 0; i < width; i++)
            {
                var value = _values[row * width + i];
                if (_features[i].IsNumeric)
                {
                    _current[i].AddNumeric(value.Number ?? double.NaN);
                }
                else
                {
                    _current[i].AddCategorical(value.Text);
                }
            }
        }

        return null;
    }

    /// <summary>Closes the window: scores it, keeps it as the previous window and starts a new one.</summary>
    public DriftWindow Close(DateTimeOffset end)
    {
        var scores = new FeatureWindowScore[_features.Length];
        var proportions = new double[_features.Length][];
        for (var i = 0; i < _features.Length; i++)
        {
            var histogram = _current[i];
            proportions[i] = histogram.Proportions();
            var measured = DriftAnalyzer.Measure(_reference[i], histogram, _thresholds[i]);
            double? drift = _previous is null ? null : histogram.DistanceTo(_previous[i]);
            scores[i] = new FeatureWindowScore(_features[i].Name, measured.Metric, measured.Distance, drift, measured.Psi, _thresholds[i], _thresholds[i] * _driftFactor);
        }

        LastWindow = new DriftWindow(Model, Version, _windowStart, end, Count, scores);
        _history.Add(LastWindow);
        _previous = proportions;
        foreach (var histogram in _current)
        {
            histogram.Reset();
        }

        return LastWindow;
    }

    /// <summary>Each feature's baseline shares beside the newest closed window's, or the open window's while none has closed.</summary>
    public IReadOnlyList<HistogramView> Histograms()
    {
        var histograms = new HistogramView[_features.Length];
        for (var i = 0; i < _features.Length; i++)
        {
            var current = _previous?[i] ?? _current[i].Proportions();
            var bins = new HistogramBin[_reference[i].Length];
            for (var b = 0; b < bins.Length; b++)
            {
                bins[b] = new HistogramBin(_bucketNames[i][b], _reference[i][b], current[b]);
            }

            histograms[i] = new HistogramView(_features[i].Name, _features[i].IsNumeric ? FeatureKinds.Numeric : FeatureKinds.Categorical, bins);
        }

        return histograms;
    }
}
