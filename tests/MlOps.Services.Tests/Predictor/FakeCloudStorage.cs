using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace MlOps.Services.Tests.Predictor;

/// <summary>
/// A stand-in for the two Cloud Storage JSON API calls a folder download makes, on 127.0.0.1 over
/// plain HTTP, as Google.Cloud.Storage.V1 makes them with a custom base URI: objects.list (<c>GET
/// /storage/v1/b/{bucket}/o?prefix=…</c>, <see cref="PageSize"/> items a page in name order,
/// continued by <c>pageToken</c> = the last page's <c>nextPageToken</c>) and objects.get as media
/// (<c>GET /storage/v1/b/{bucket}/o/{percent-encoded name}?alt=media</c>, with the object's
/// <c>x-goog-hash</c>, which the client checks). A request of any other shape — a delimiter, an
/// unknown page token, a credential, an unencoded '/' in the name, no <c>alt=media</c> — is
/// answered 400 and kept in <see cref="Problems"/>.
/// </summary>
internal sealed class FakeCloudStorage : IAsyncDisposable
{
    public const int PageSize = 2;

    private static readonly HashSet<string> ListParameters = ["prefix", "pageToken"];
    private static readonly HashSet<string> MediaParameters = ["alt", "generation"];
    private readonly SortedDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _pageTokens = new();
    private readonly WebApplication _app;

    private FakeCloudStorage(WebApplication app, Uri root, string bucket)
    {
        _app = app;
        Root = root;
        Bucket = bucket;
    }

    public Uri Root { get; }

    public string Bucket { get; }

    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>Every request's method and target as sent.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Each objects.list call's query string, in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Listings { get; } = new();

    /// <summary>The names of the objects downloaded, in order.</summary>
    public ConcurrentQueue<string> Downloads { get; } = new();

    /// <summary>When set, each download waits for it: the test decides when the model arrives.</summary>
    public TaskCompletionSource? DownloadGate { get; set; }

    public static async Task<FakeCloudStorage> StartAsync(string bucket = "bucket")
    {
        var port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var storage = new FakeCloudStorage(app, new Uri($"http://127.0.0.1:{port}/"), bucket);
        app.Use((context, next) =>
        {
            storage.Requests.Enqueue($"{context.Request.Method} {context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget}");
            return next(context);
        });
        app.MapGet("/storage/v1/b/{bucket}/o", (HttpContext context, string bucket) => storage.List(context, bucket));
        app.MapGet("/storage/v1/b/{bucket}/o/{**name}", (HttpContext context, string bucket) => storage.DownloadAsync(context, bucket));
        app.MapFallback("{**path}", (HttpContext context) => storage.Refuse(context, "not a call a folder download makes"));
        await app.StartAsync();
        return storage;
    }

    public void Add(string name, byte[] content) => _objects[name] = content;

    /// <summary>Every file under <paramref name="folder"/> as an object named <paramref name="prefix"/> + its relative path.</summary>
    public void AddFolder(string prefix, string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            Add(prefix + Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes(file));
        }
    }

    public async ValueTask DisposeAsync()
    {
        DownloadGate?.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult List(HttpContext context, string bucket)
    {
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        Listings.Enqueue(query);
        var problem = Shape(context, ListParameters) ?? (query.ContainsKey("prefix") ? null : "no prefix: the whole bucket would be listed");
        if (problem is not null)
        {
            return Refuse(context, problem);
        }

        if (bucket != Bucket)
        {
            return NotFound("The specified bucket does not exist.");
        }

        var start = 0;
        if (query.TryGetValue("pageToken", out var token) && !_pageTokens.TryGetValue(token, out start))
        {
            return Refuse(context, $"page token {token} was never issued");
        }

        var prefix = query.GetValueOrDefault("prefix", "");
        var matching = _objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var page = matching.Skip(start).Take(PageSize).ToList();
        var result = new JsonObject { ["kind"] = "storage#objects" };
        if (page.Count > 0)
        {
            result["items"] = new JsonArray([.. page.Select(o => (JsonNode)Resource(bucket, o.Key, o.Value))]);
        }

        if (start + PageSize < matching.Count)
        {
            var next = Convert.ToBase64String(RandomNumberGenerator.GetBytes(9));
            _pageTokens[next] = start + PageSize;
            result["nextPageToken"] = next;
        }

        return Results.Text(result.ToJsonString(), "application/json; charset=UTF-8");
    }

    private async Task<IResult> DownloadAsync(HttpContext context, string bucket)
    {
        // The name must arrive as one percent-encoded segment: read it from the raw target, before routing decodes it.
        var raw = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var encoded = raw.Split('?')[0][$"/storage/v1/b/{bucket}/o/".Length..];
        var problem = Shape(context, MediaParameters)
            ?? (context.Request.Query["alt"] != "media" ? "alt=media is missing" : null)
            ?? (context.Request.Query.TryGetValue("generation", out var generation) && generation != "1" ? $"generation {generation} was never listed" : null)
            ?? (encoded.Contains('/') ? $"the object name {encoded} is not percent-encoded" : null);
        if (problem is not null)
        {
            return Refuse(context, problem);
        }

        var name = Uri.UnescapeDataString(encoded);
        if (bucket != Bucket || !_objects.TryGetValue(name, out var content))
        {
            return NotFound($"No such object: {bucket}/{name}");
        }

        Downloads.Enqueue(name);
        if (DownloadGate is { } gate)
        {
            await gate.Task;
        }

        context.Response.Headers["x-goog-hash"] = $"crc32c={Crc32c.Base64(content)},md5={Convert.ToBase64String(MD5.HashData(content))}";
        context.Response.Headers["x-goog-generation"] = "1";
        return Results.Bytes(content, "application/octet-stream");
    }

    private static string? Shape(HttpContext context, HashSet<string> parameters) =>
        context.Request.Method != HttpMethods.Get ? $"method {context.Request.Method}"
        : context.Request.Headers.Authorization.Count > 0 ? "a credential was sent to a stand-in reached without credentials"
        : context.Request.Query.Keys.FirstOrDefault(k => !parameters.Contains(k)) is { } unknown ? $"unexpected parameter {unknown}"
        : null;

    private IResult Refuse(HttpContext context, string problem)
    {
        Problems.Enqueue($"{context.Request.Method} {context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget}: {problem}");
        return Results.Json(Error(400, problem), statusCode: 400);
    }

    private static IResult NotFound(string message) => Results.Json(Error(404, message), statusCode: 404);

    private static JsonObject Error(int code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = code == 404 ? "notFound" : "invalid" }),
        },
    };

    private JsonObject Resource(string bucket, string name, byte[] content) => new()
    {
        ["kind"] = "storage#object",
        ["id"] = $"{bucket}/{name}/1",
        ["name"] = name,
        ["bucket"] = bucket,
        ["generation"] = "1",
        ["metageneration"] = "1",
        ["contentType"] = "application/octet-stream",
        ["size"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["md5Hash"] = Convert.ToBase64String(MD5.HashData(content)),
        ["crc32c"] = Crc32c.Base64(content),
        ["storageClass"] = "STANDARD",
        ["timeCreated"] = "2026-12-01T00:00:00.000Z",
        ["updated"] = "2026-12-01T00:00:00.000Z",
    };
}
