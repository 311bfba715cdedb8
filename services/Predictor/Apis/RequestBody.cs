using System.Buffers;
using System.IO.Pipelines;

namespace MlOps.Predictor.Apis;

/// <summary>
/// A request body read whole from the connection's pipe, without copying, up to a limit. The bytes
/// stay the pipe's until <see cref="Release"/>; an oversize body is drained and flagged instead.
/// </summary>
public readonly struct RequestBody
{
    private readonly ReadOnlySequence<byte> _buffer;

    private RequestBody(ReadOnlySequence<byte> buffer, bool tooLarge)
    {
        _buffer = buffer;
        TooLarge = tooLarge;
    }

    public bool TooLarge { get; }

    public ReadOnlySpan<byte> Bytes => _buffer.IsSingleSegment ? _buffer.FirstSpan : _buffer.ToArray();

    public static async ValueTask<RequestBody> ReadAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit)
        {
            return new RequestBody(default, true);
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                return new RequestBody(default, true);
            }

            if (result.IsCompleted)
            {
                return new RequestBody(buffer, false);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Hands the bytes back to the pipe; call it once the request no longer reads them.</summary>
    public void Release(PipeReader reader)
    {
        if (!TooLarge)
        {
            reader.AdvanceTo(_buffer.End);
        }
    }
}
