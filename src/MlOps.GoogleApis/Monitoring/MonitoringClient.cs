using System.Globalization;
using Microsoft.Extensions.Options;
using MlOps.GoogleApis.Rest;

namespace MlOps.GoogleApis.Monitoring;

/// <summary>Cloud Monitoring's REST API (v3): reading time series (ListTimeSeries, <c>GET /v3/{name=projects/*}/timeSeries</c>).</summary>
public sealed class MonitoringClient(HttpClient http, IOptions<GoogleApiOptions> options) : GoogleRestClient(http, "Cloud Monitoring")
{
    public async Task<IReadOnlyList<TimeSeries>> ListTimeSeriesAsync(string filter, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var project = options.Value.Project ?? throw new InvalidOperationException($"{GoogleApiOptions.Section}:Project is required to read Cloud Monitoring");
        var series = new List<TimeSeries>();
        string? page = null;
        do
        {
            var query = Query(
                ("filter", filter),
                ("interval.startTime", start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                ("interval.endTime", end.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                ("pageToken", page));
            var response = await SendAsync<ListTimeSeriesResponse>(HttpMethod.Get, $"v3/projects/{project}/timeSeries{query}", null, cancellationToken);
            series.AddRange(response.TimeSeries ?? []);
            page = response.NextPageToken is { Length: > 0 } next ? next : null;
        }
        while (page is not null);
        return series;
    }
}
