using System.Security.Cryptography;
using System.Text;

namespace MlOps.Rehearsal.StandIns.Common;

/// <summary>An etag that changes whenever the resource does: a digest of its name and last update.</summary>
internal static class Etags
{
    public static string Of(string name, DateTimeOffset updateTime) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}|{updateTime.UtcTicks}")))[..22];
}
