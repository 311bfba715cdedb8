using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Core.Scoring;
using MlOps.Predictor.Logging;

namespace MlOps.Predictor.Serving;

/// <summary>
/// The request path: pick a version by the traffic split, parse and validate the instances against
/// its schema, score them, write the answer and its log line (or a record for the writer). Bad input gives
/// a 400 with every field problem; a model that fails to score is counted against its version and,
/// if another version serves, the request is answered by that one.
/// </summary>
public sealed class PredictionService(EndpointRegistry endpoints, PredictionLog log, IOptions<PredictorOptions> options, TimeProvider time)
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static List<FieldError>? t_errors;

    private readonly PredictorOptions _options = options.Value;

    public PredictStatus Predict(string model, ReadOnlySpan<byte> body, IBufferWriter<byte> output) =>
        Predict(model.AsSpan(), body, output);

    public PredictStatus Predict(ReadOnlySpan<char> model, ReadOnlySpan<byte> body, IBufferWriter<byte> output)
    {
        var started = Stopwatch.GetTimestamp();
        var writer = Writer(output);
        var state = endpoints.Find(model);
        if (state is null)
        {
            // Checked only when nothing serves under the name: every deployed model's name is valid, so the hot path pays nothing.
            return ModelNames.IsValid(model)
                ? Fail(writer, PredictStatus.NotFound, endpoints.HasAnyModel ? $"no model named '{model}' is deployed" : "no model is deployed yet")
                : Fail(writer, PredictStatus.BadRequest, "the model in the route is not a model name", [new FieldError(-1, "model", ModelNames.Problem(model.ToString())!)]);
        }

        var served = state.Split.Count == 1 ? state.Split[0] : state.Pick(Random.Shared.Next(100));
        var status = Score(state, served, body, writer, started, out var failure);
        if (status != PredictStatus.Unavailable)
        {
            return status;
        }

        if (state.Fallback(served) is { } fallback)
        {
            writer.Reset(output);
            status = Score(state, fallback, body, writer, started, out failure);
            if (status != PredictStatus.Unavailable)
            {
                return status;
            }
        }

        writer.Reset(output);
        return Fail(writer, PredictStatus.Unavailable, $"the model could not score the request: {failure}");
    }

    private PredictStatus Score(EndpointState state, ServedVersion served, ReadOnlySpan<byte> body, Utf8JsonWriter writer, long started, out string? failure)
    {
        failure = null;
        var version = served.Version;
        var errors = t_errors ??= [];
        errors.Clear();
        var batch = version.RentBatch();
        float[]? rented = null;
        try
        {
            if (!version.Parser.TryParseRequest(body, batch, errors, _options.MaxInstances))
            {
                return Fail(writer, PredictStatus.BadRequest, Describe(errors), errors);
            }

            var probabilities = batch.Count <= 64 ? stackalloc float[batch.Count] : (rented = ArrayPool<float>.Shared.Rent(batch.Count)).AsSpan(0, batch.Count);
            if (!TryRun(version, batch, probabilities, out failure))
            {
                served.Counters.Failed();
                return PredictStatus.Unavailable;
            }

            ResponseWriter.WritePredictions(writer, version, probabilities);
            writer.Flush();
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            served.Counters.Answered(latency, probabilities);
            if (state.Shadow is { } shadow)
            {
                Mirror(shadow, version, body, probabilities);
            }

            if (_options.LogSampling >= 1 || Random.Shared.NextDouble() < _options.LogSampling)
            {
                if (log.WritesLines)
                {
                    log.Write(LineTexts.For(version.Model, version.Version, version.PackageUri, version.Package.Schema), time.GetUtcNow(), latency, probabilities, new RequestInstances(batch, body));
                }
                else
                {
                    log.Enqueue(Record(version, batch, body, probabilities, latency));
                }
            }

            return PredictStatus.Ok;
        }
        finally
        {
            version.ReturnBatch(batch);
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    // The shadow scores the same request after the answer is written; whatever it does, it changes nothing for the caller.
    private void Mirror(ServedVersion shadow, DeployedVersion served, ReadOnlySpan<byte> body, ReadOnlySpan<float> answered)
    {
        var version = shadow.Version;
        var errors = t_errors ??= [];
        errors.Clear();
        var batch = version.RentBatch();
        float[]? rented = null;
        try
        {
            if (!version.Parser.TryParseRequest(body, batch, errors, _options.MaxInstances) || batch.Count != answered.Length)
            {
                shadow.Shadow!.Failed();
                shadow.Counters.Failed();
                return;
            }

            var probabilities = batch.Count <= 64 ? stackalloc float[batch.Count] : (rented = ArrayPool<float>.Shared.Rent(batch.Count)).AsSpan(0, batch.Count);
            if (!TryRun(version, batch, probabilities, out _))
            {
                shadow.Shadow!.Failed();
                shadow.Counters.Failed();
                return;
            }

            shadow.Counters.Scored(probabilities);
            shadow.Shadow!.Compare(answered, probabilities, served.Package.LabelFor, version.Package.LabelFor);
        }
        finally
        {
            version.ReturnBatch(batch);
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Scores the batch; false, with why, when the model throws or answers something that is not a probability.</summary>
    private static bool TryRun(DeployedVersion version, FeatureBatch batch, Span<float> probabilities, [NotNullWhen(false)] out string? failure)
    {
        failure = null;
        var scorer = version.Package.Scorer;
        var engine = scorer.Rent();
        try
        {
            for (var row = 0; row < batch.Count; row++)
            {
                batch.Load(row, engine);
                var p = engine.Score();
                if (!float.IsFinite(p) || p is < 0 or > 1)
                {
                    failure = $"v{version.Version} returned {p} for instance {row}, which is not a probability";
                    return false;
                }

                probabilities[row] = p;
            }

            return true;
        }
        catch (Exception e)
        {
            failure = $"v{version.Version} failed: {e.Message}";
            return false;
        }
        finally
        {
            scorer.Return(engine);
        }
    }

    private PredictionLogRecord Record(DeployedVersion version, FeatureBatch batch, ReadOnlySpan<byte> body, ReadOnlySpan<float> probabilities, double latencyMs)
    {
        // Object instances are logged as the client wrote them (no re-formatting); positional ones from the parsed values.
        byte[]? raw = null;
        (int Start, int Length)[]? ranges = null;
        var rawBytes = 0;
        for (var row = 0; row < batch.Count; row++)
        {
            rawBytes += batch.RawObject(row).Length;
        }

        if (rawBytes > 0)
        {
            raw = new byte[rawBytes];
            ranges = new (int, int)[batch.Count];
            var offset = 0;
            for (var row = 0; row < batch.Count; row++)
            {
                var (start, length) = batch.RawObject(row);
                body.Slice(start, length).CopyTo(raw.AsSpan(offset));
                ranges[row] = (offset, length);
                offset += length;
            }
        }

        var numeric = new float[batch.Count * batch.NumericWidth];
        var categorical = new string?[batch.Count * batch.CategoricalWidth];
        for (var row = 0; row < batch.Count; row++)
        {
            batch.Numeric(row).CopyTo(numeric.AsSpan(row * batch.NumericWidth));
            var values = batch.Categorical(row);
            for (var c = 0; c < values.Length; c++)
            {
                categorical[row * batch.CategoricalWidth + c] = values[c].IsEmpty ? null
                    : MemoryMarshal.TryGetString(values[c], out var text, out var start, out var length) && start == 0 && length == text.Length ? text
                    : values[c].ToString();
            }
        }

        return new PredictionLogRecord(version.Model, version.Version, version.PackageUri, version.Package.Schema, time.GetUtcNow(), latencyMs, batch.Count, numeric, categorical, probabilities.ToArray(), raw, ranges);
    }

    private static string Describe(List<FieldError> errors) =>
        errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems in the request; the first: {errors[0]}";

    private static PredictStatus Fail(Utf8JsonWriter writer, PredictStatus status, string message, IReadOnlyList<FieldError>? details = null)
    {
        ResponseWriter.WriteError(writer, status, message, details);
        writer.Flush();
        return status;
    }

    private static Utf8JsonWriter Writer(IBufferWriter<byte> output)
    {
        if (t_writer is null)
        {
            t_writer = new Utf8JsonWriter(output);
        }
        else
        {
            t_writer.Reset(output);
        }

        return t_writer;
    }
}
