using System.Reflection;
using System.Text.Json;
using OpenQA.Selenium;

namespace MlOps.WebConsole.Tests.Browser;

/// <summary>
/// An axe-core scan of the page as it is now, with the axe-core Deque.AxeCore.Commons 4.14.0 carries (axe-core 4.11):
/// the script is injected and <c>axe.run</c> called directly, since Selenium.Axe 2.0.3's <c>AxeBuilder</c> is built
/// against Selenium 3 (assembly WebDriver) and cannot drive Selenium 4, and Deque's own Selenium adapter is not served.
/// </summary>
internal static class AxeScan
{
    /// <summary>The impacts that fail a page; minor and moderate ones are reported, not failed on.</summary>
    public static readonly string[] Blocking = ["serious", "critical"];

    private const string Resource = "Deque.AxeCore.Commons.Resources.axe.min.js";
    private static readonly Lazy<string> AxeScript = new(ReadAxe);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Run = """
        const done = arguments[arguments.length - 1];
        const items = list => list.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({ target: [].concat(n.target).flat(Infinity).join(' '), html: n.html })) }));
        axe.run(document, { resultTypes: ['violations', 'incomplete'] })
            .then(r => done(JSON.stringify({ violations: items(r.violations), incomplete: items(r.incomplete) })))
            .catch(e => done(JSON.stringify('axe failed: ' + e)));
        """;

    /// <summary>What axe found broken, and what it could not decide (for a person to look at).</summary>
    public static AxeFindings Scan(IWebDriver driver)
    {
        var page = (IJavaScriptExecutor)driver;
        page.ExecuteScript(AxeScript.Value);
        var json = (string)page.ExecuteAsyncScript(Run)!;
        return json.StartsWith('"')
            ? throw new InvalidOperationException(JsonSerializer.Deserialize<string>(json))
            : JsonSerializer.Deserialize<AxeFindings>(json, Json)!;
    }

    public static bool Blocks(AxeViolation violation) => Blocking.Contains(violation.Impact, StringComparer.OrdinalIgnoreCase);

    /// <summary>Each rule with its elements, the first <paramref name="nodes"/> of them.</summary>
    public static string Describe(IEnumerable<AxeViolation> violations, int nodes = int.MaxValue) =>
        string.Join('\n', violations.Select(v =>
            $"{v.Id} ({v.Impact}, {v.Nodes.Count} element(s)): {v.Help}\n" + string.Join('\n', v.Nodes.Take(nodes).Select(n => $"    {n.Target}: {n.Html}"))));

    private static string ReadAxe()
    {
        using var stream = Assembly.Load("Deque.AxeCore.Commons").GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Deque.AxeCore.Commons has no {Resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
