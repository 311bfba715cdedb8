using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOps.GoogleApis.Rest;

/// <summary>JSON over HTTP to one Google API, its errors turned into <see cref="GoogleApiException"/>s.</summary>
public abstract class GoogleRestClient(HttpClient http, string api)
{
    /// <summary>Google's JSON mapping of proto3: lowerCamelCase names, absent fields omitted, enums by name.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    protected HttpClient Http => http;

    protected async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw GoogleErrors.From(api, method, path.Split('?')[0], response.StatusCode, text);
        }

        return JsonSerializer.Deserialize<T>(text.Length == 0 ? "{}" : text, Json)
            ?? throw new GoogleApiException($"{api} answered {method} {path} with null", HttpStatusCode.OK, null, null, null, []);
    }

    /// <summary>As <see cref="SendAsync{T}"/>, with null for a 404.</summary>
    protected async Task<T?> FindAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);
        }
        catch (GoogleApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    protected static string Query(params (string name, string? value)[] parameters) =>
        string.Join('&', parameters.Where(p => p.value is not null).Select(p => $"{p.name}={Uri.EscapeDataString(p.value!)}")) is { Length: > 0 } q ? "?" + q : "";
}
