using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Xunit.Abstractions;

namespace MlOps.Reliability.Tests.Fuzzing;

/// <summary>
/// Ten thousand generated bad bodies at the prediction and batch routes and every route of the five services that
/// changes state: each must be refused with a 4xx that says what is wrong, and the services must stay healthy.
/// </summary>
public sealed class BodyFuzzTests(ITestOutputHelper output)
{
    private const int Trials = 10_000;
    private const int Seed = 19;

    [Fact]
    public async Task Ten_thousand_generated_bad_bodies_are_each_refused_with_a_4xx_naming_the_problem()
    {
        var watch = Stopwatch.StartNew();
        await using var host = await FuzzHost.StartAsync();
        var cases = new BodyGenerator(Seed).Generate(Trials).ToList();
        var lost = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var kinds = new ConcurrentDictionary<string, int>();

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, cancellationToken) =>
        {
            kinds.AddOrUpdate(c.Kind, 1, (_, n) => n + 1);
            var problem = await SendAsync(host.Http, c, statuses, cancellationToken);
            if (problem is not null)
            {
                lost.Add($"{c.Route.Name} {c.Kind} {c.Route.Method} {c.Path} [{c.ContentType}] {Shown(c.Body)} → {problem}");
            }
        });

        using var health = await host.Http.GetAsync("/health");
        var healthy = health.StatusCode == HttpStatusCode.OK;
        var answered = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value:N0}"));
        output.WriteLine($"{Trials:N0} bodies in {watch.Elapsed.TotalSeconds:F1} s; answers {answered}; /health {(int)health.StatusCode}");
        output.WriteLine(string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key}: {k.Value}")));
        foreach (var line in lost.Take(40))
        {
            output.WriteLine(line);
        }

        var count = lost.Count + (healthy ? 0 : 1);
        await ReliabilityLedger.RecordAsync(new ReliabilityRow(
            "Input",
            $"HTTP bodies: {string.Join(", ", kinds.Keys.Order(StringComparer.Ordinal))}, at the predict, batch and every state-changing route of the five services",
            Trials,
            count,
            null,
            count == 0 ? $"each refused with a 4xx saying what was wrong ({answered}); /health 200 afterwards" : $"{lost.Count} not refused properly; /health {(int)health.StatusCode}"));

        Assert.True(healthy, $"/health answered {(int)health.StatusCode}: {await health.Content.ReadAsStringAsync()}");
        Assert.True(lost.IsEmpty, $"{lost.Count} of {Trials} bad bodies were not refused with a 4xx naming the problem; the first: {string.Join("\n", lost.Take(10))}");
    }

    private static async Task<string?> SendAsync(HttpClient http, BodyCase c, ConcurrentDictionary<int, int> statuses, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(c.Route.Method, c.Path) { Content = new ByteArrayContent(c.Body) };

        // As a careful client sends a large body: the server may refuse it (413) before it is sent.
        request.Headers.ExpectContinue = c.Body.Length > 64 * 1024;
        if (c.ContentType is { } type)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            return Refusal.Problem(c.Route.Vertex, c.Path, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
            return $"no answer: {e.GetType().Name}: {e.Message}";
        }
    }

    private static string Shown(byte[] body) =>
        body.Length > 160 ? $"{System.Text.Encoding.UTF8.GetString(body, 0, 160)}… ({body.Length:N0} bytes)" : System.Text.Encoding.UTF8.GetString(body);
}
