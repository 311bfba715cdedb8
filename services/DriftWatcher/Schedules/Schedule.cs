using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MlOps.DriftWatcher.Schedules;

/// <summary>A configured schedule with its cron expression parsed.</summary>
public sealed record Schedule(string Name, CronSchedule Cron, ScheduleOptions Options)
{
    /// <summary>
    /// The id of the run an occurrence asks for (a training request id or a batch job id): the same schedule and
    /// occurrence give the same id in every process, however often and by whom the occurrence was fired.
    /// </summary>
    public Guid RunId(DateTimeOffset occurrence) => Derive($"{Name}@{occurrence.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}");

    /// <summary>The run id of a fire that says neither when it happened nor when it was published, from its transport message id.</summary>
    public Guid RunId(string messageId) => Derive($"{Name}#{messageId}");

    // A name-based UUID (RFC 9562 version 8) from SHA-256.
    private static Guid Derive(string text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
