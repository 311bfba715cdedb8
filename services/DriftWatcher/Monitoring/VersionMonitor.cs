using System.Text;
using System.Text.Json;
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
    private readonly byte[][] _names;
    private Cell[] _cells = [];
    private char[] _chars = [];
    private DateTimeOffset _windowStart;

    private readonly double _driftFactor;

    public VersionMonitor(string model, int version, string packageUri, FeatureSchema schema, DatasetBaseline baseline, DriftThresholds thresholds, double driftFactor = 1.0)
    {
        _driftFactor = driftFactor;
        Model = model;
        Version = version;
        PackageUri = packageUri;
        ModelUtf8 = Encoding.UTF8.GetBytes(model);
        var monitored = schema.Features.Where(f => baseline.Find(f.Name)?.Kind == f.Kind).ToArray();
        _features = monitored;
        _names = monitored.Select(f => Encoding.UTF8.GetBytes(f.Name)).ToArray();
        _current = monitored.Select(f => new FeatureHistogram(baseline.Find(f.Name)!)).ToArray();
        _reference = monitored.Select(f => baseline.Find(f.Name)!.Proportions()).ToArray();
        _bucketNames = monitored.Select(f => baseline.Find(f.Name)!.BucketNames()).ToArray();
        _thresholds = monitored.Select(f => thresholds.For(f.Name, f.Kind)).ToArray();
    }

    public string Model { get; }

    public int Version { get; }

    public string PackageUri { get; }

    /// <summary>The model's name as UTF-8, to recognise its log entries without decoding them.</summary>
    public byte[] ModelUtf8 { get; }

    public long Count => _current.Length == 0 ? 0 : _current[0].Count;

    public DateTimeOffset WindowStart => _windowStart;

    public DriftWindow? LastWindow { get; private set; }

    /// <summary>The newest <see cref="KeptWindows"/> closed windows, oldest first.</summary>
    public IReadOnlyList<DriftWindow> Windows => _history.Snapshot();

    /// <summary>
    /// Counts every instance of an entry, or none of them: why one does not fit the schema (or the number of
    /// <paramref name="predictions"/> the entry holds), or null when all were counted.
    /// <paramref name="features"/> is the entry's features array as JSON, one object per instance; each value is read
    /// straight into buffers kept between calls (numbers as doubles, strings as characters), since this runs for every
    /// log entry. Keys in schema order are matched as they come; others are looked up, and unknown ones skipped.
    /// </summary>
    public string? TryAdd(ReadOnlySpan<byte> features, DateTimeOffset at, int? predictions = null)
    {
        var reader = new Utf8JsonReader(features);
        reader.Read();
        var width = _features.Length;
        var rows = 0;
        var chars = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return $"instance {rows} is not an object of feature values";
            }

            Grow(rows + 1, chars + features.Length);
            var row = _cells.AsSpan(rows * width, width);
            row.Clear();
            var next = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var i = next < width && reader.ValueTextEquals(_names[next]) ? next : IndexOf(ref reader);
                reader.Read();
                if (i < 0)
                {
                    reader.Skip();
                    continue;
                }

                next = i + 1;
                var cell = Read(ref reader, _features[i].IsNumeric, ref chars);
                if (cell.Kind == CellKind.Wrong)
                {
                    return $"feature '{_features[i].Name}' has a value of the wrong type";
                }

                row[i] = cell;
            }

            for (var i = 0; i < width; i++)
            {
                if (row[i].Kind == CellKind.Absent)
                {
                    return $"feature '{_features[i].Name}' is missing";
                }
            }

            rows++;
        }

        if (predictions is { } expected && expected != rows)
        {
            return $"{rows} feature rows but {expected} predictions";
        }

        if (Count == 0)
        {
            _windowStart = at;
        }

        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < width; i++)
            {
                var cell = _cells[r * width + i];
                if (_features[i].IsNumeric)
                {
                    _current[i].AddNumeric(cell.Kind == CellKind.Value ? cell.Number : double.NaN);
                }
                else
                {
                    _current[i].AddCategorical(cell.Kind == CellKind.Value ? _chars.AsSpan(cell.Start, cell.Length) : default);
                }
            }
        }

        return null;
    }

    private Cell Read(ref Utf8JsonReader reader, bool numeric, ref int chars)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return new Cell(CellKind.Null, 0, 0, 0);
            case JsonTokenType.Number when numeric:
                return reader.TryGetDouble(out var number) ? new Cell(CellKind.Value, number, 0, 0) : new Cell(CellKind.Wrong, 0, 0, 0);
            case JsonTokenType.String when !numeric:
                var written = reader.CopyString(_chars.AsSpan(chars));
                var cell = new Cell(CellKind.Value, 0, chars, written);
                chars += written;
                return cell;
            default:
                reader.Skip();
                return new Cell(CellKind.Wrong, 0, 0, 0);
        }
    }

    private int IndexOf(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (reader.ValueTextEquals(_names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private void Grow(int rows, int chars)
    {
        if (_cells.Length < rows * _features.Length)
        {
            Array.Resize(ref _cells, Math.Max(rows * _features.Length, _cells.Length * 2));
        }

        if (_chars.Length < chars)
        {
            Array.Resize(ref _chars, Math.Max(chars, _chars.Length * 2));
        }
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

    private enum CellKind : byte
    {
        Absent,
        Null,
        Value,
        Wrong,
    }

    /// <summary>One feature value of one instance: a number, or the characters of a string in the shared buffer.</summary>
    private readonly record struct Cell(CellKind Kind, double Number, int Start, int Length);
}
