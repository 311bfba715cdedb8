using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace MlOps.Predictor.Logging;

/// <summary>
/// Structured lines written by the request threads themselves, each into the buffer of the processor
/// it runs on, for the log writer to take whole. A request leaves no record to allocate, queue and
/// read again on another core: it formats its line from its own buffers while they are in its cache.
/// A stripe is held with a spin lock for the length of one line, and by the writer for the swap of its
/// buffer; each stripe sits on its own cache lines. A full stripe drops the line and counts it.
/// </summary>
internal sealed class LineStripes
{
    private readonly Stripe[] _stripes;
    private readonly int _mask;
    private readonly int _capacity;

    public LineStripes(int capacity)
    {
        var count = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 64));
        _stripes = new Stripe[count];
        for (var i = 0; i < count; i++)
        {
            _stripes[i].Buffer = new ArrayBufferWriter<byte>(64 * 1024);
        }

        _mask = count - 1;
        _capacity = Math.Max(1, capacity / count);
    }

    public int Count => _stripes.Length;

    private delegate long Field(ref Stripe stripe);

    /// <summary>Lines written and not yet taken.</summary>
    public int Queued => (int)Sum(static (ref s) => Volatile.Read(ref s.Lines));

    /// <summary>Lines dropped because their stripe was full.</summary>
    public long Dropped => Sum(static (ref s) => Volatile.Read(ref s.Dropped));

    /// <summary>Writes one line and its newline; false, counted, when the stripe already holds its share of the capacity.</summary>
    public bool TryWrite<TInstances>(LineTexts texts, DateTimeOffset time, double latencyMs, ReadOnlySpan<float> predictions, scoped in TInstances instances)
        where TInstances : ILoggedInstances, allows ref struct
    {
        ref var stripe = ref _stripes[Thread.GetCurrentProcessorId() & _mask];
        Enter(ref stripe);
        try
        {
            if (stripe.Lines >= _capacity)
            {
                Volatile.Write(ref stripe.Dropped, stripe.Dropped + 1);
                return false;
            }

            PredictionLogFormat.WriteStructuredLine(stripe.Buffer, texts, time, latencyMs, predictions, instances);
            stripe.Buffer.Write("\n"u8);
            Volatile.Write(ref stripe.Lines, stripe.Lines + 1);
            return true;
        }
        finally
        {
            Volatile.Write(ref stripe.Taken, 0);
        }
    }

    /// <summary>Takes stripe <paramref name="index"/>'s lines: its buffer is swapped for <paramref name="spare"/>, which must be empty. Returns how many lines it held.</summary>
    public int Take(int index, ref ArrayBufferWriter<byte> spare)
    {
        ref var stripe = ref _stripes[index];
        Enter(ref stripe);
        try
        {
            (stripe.Buffer, spare) = (spare, stripe.Buffer);
            var lines = stripe.Lines;
            Volatile.Write(ref stripe.Lines, 0);
            return lines;
        }
        finally
        {
            Volatile.Write(ref stripe.Taken, 0);
        }
    }

    private long Sum(Field field)
    {
        long total = 0;
        for (var i = 0; i < _stripes.Length; i++)
        {
            total += field(ref _stripes[i]);
        }

        return total;
    }

    private static void Enter(ref Stripe stripe)
    {
        if (Interlocked.CompareExchange(ref stripe.Taken, 1, 0) == 0)
        {
            return;
        }

        var spinner = default(SpinWait);
        do
        {
            spinner.SpinOnce();
        }
        while (Interlocked.CompareExchange(ref stripe.Taken, 1, 0) != 0);
    }

    // Two cache lines a stripe, its fields in the second: no two stripes share a line.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Stripe
    {
        [FieldOffset(64)]
        public int Taken;

        [FieldOffset(68)]
        public int Lines;

        [FieldOffset(72)]
        public long Dropped;

        [FieldOffset(80)]
        public ArrayBufferWriter<byte> Buffer;
    }
}
