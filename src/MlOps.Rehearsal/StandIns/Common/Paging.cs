using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Hosting;

namespace MlOps.Rehearsal.StandIns.Common;

/// <summary>The standard list paging: <c>pageSize</c> (100 when unset) and an opaque <c>pageToken</c> from the previous page.</summary>
internal static class Paging
{
    private const int DefaultSize = 100;

    public static IReadOnlyList<T> Page<T>(IReadOnlyList<T> items, JsonObject request, out string? nextPageToken)
    {
        var size = request.Int("pageSize");
        if (size < 0)
        {
            throw RpcErrors.InvalidArgument("pageSize", "The page size must not be negative.");
        }

        size = size == 0 ? DefaultSize : size;
        var offset = request.Str("pageToken") is { } token ? Offset(token) : 0;
        nextPageToken = offset + size < items.Count ? Token(offset + size) : null;
        return [.. items.Skip(offset).Take(size)];
    }

    private static string Token(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static int Offset(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text["offset:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Reported below, as every other token this stand-in did not give out.
        }

        throw RpcErrors.InvalidArgument("pageToken", "The page token is not valid.");
    }
}
