namespace MlOps.Services.Tests.Predictor;

/// <summary>CRC-32C (Castagnoli), as Cloud Storage reports it in <c>x-goog-hash: crc32c=…</c>: big-endian, base64.</summary>
internal static class Crc32c
{
    private static readonly uint[] Table = [.. Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
        }

        return c;
    })];

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    public static string Base64(ReadOnlySpan<byte> data)
    {
        var crc = Compute(data);
        return Convert.ToBase64String([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
    }
}
