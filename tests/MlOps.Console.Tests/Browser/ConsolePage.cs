using System.Collections.ObjectModel;
using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace MlOps.WebConsole.Tests.Browser;

/// <summary>
/// The console in the shared browser: a page opened by its path, awaited until its circuit reads the services, and
/// checked for use at a desk and on a phone, by keyboard and with a screen reader's eyes (axe).
/// </summary>
internal sealed class ConsolePage(RunningLoop loop)
{
    public const int DesktopWidth = 1280;
    public const int DesktopHeight = 900;
    public const int PhoneWidth = 390;
    public const int PhoneHeight = 844;

    private MlOps.Testing.Browser Browser => loop.Browser;

    public IWebDriver Driver => Browser.Driver;

    /// <summary>When the page last read the services (unix ms), from <c>#live[data-updated]</c>; 0 before it has.</summary>
    /// <remarks>Read in one script: the circuit replaces the prerendered elements when it starts.</remarks>
    public long Updated =>
        long.TryParse(Script("return document.getElementById('live')?.dataset.updated ?? '';") as string, CultureInfo.InvariantCulture, out var at) ? at : 0;

    /// <summary>
    /// Opens <paramref name="path"/> and waits until the page has read the services again after its prerendering: then
    /// its circuit is connected, so it follows the loop and its buttons work.
    /// </summary>
    public void Open(string path)
    {
        Browser.ConsoleErrors();
        Browser.Open(loop.ConsoleUrl + path);
        var prerendered = Updated;
        Until(() => Updated > prerendered, $"{path} to read the services over its circuit");
    }

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    public IWebElement Wait(string css, string what, TimeSpan? timeout = null)
    {
        Until(() => FindAll(css).Count > 0, what, timeout);
        return Find(css);
    }

    /// <summary>Waits for <paramref name="condition"/>; on timeout the failure has what the page showed and how far the loop got.</summary>
    public void Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        try
        {
            Browser.Until(_ => condition(), what, timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n\nmlops loop printed:\n{loop.Output()}", e);
        }
    }

    public object? Script(string script, params object[] arguments) => Browser.Script(script, arguments);

    /// <summary>Presses <paramref name="key"/> (a <see cref="Keys"/> value) on whatever has the focus.</summary>
    public void Press(string key) => new Actions(Driver).SendKeys(key).Perform();

    /// <summary>Types <paramref name="text"/> into whatever has the focus.</summary>
    public void Type(string text) => new Actions(Driver).SendKeys(text).Perform();

    /// <summary>Presses Tab until the element with <paramref name="id"/> has the focus, as someone without a mouse gets there.</summary>
    public void TabTo(string id, int presses = 40)
    {
        var visited = new List<string>();
        for (var i = 0; i < presses; i++)
        {
            Press(Keys.Tab);
            var focused = (string)Script("const e = document.activeElement; return e ? (e.id || e.tagName.toLowerCase() + ' ' + (e.textContent || '').trim().slice(0, 30)) : '';")!;
            if (focused == id)
            {
                return;
            }

            visited.Add(focused);
        }

        throw new InvalidOperationException($"Tab never reached #{id} in {presses} presses; the focus went to: {string.Join(" → ", visited)}");
    }

    /// <summary>
    /// Saves screenshots at 1280 × 900 and at a phone's 390 × 844 and checks, at both, what makes the page usable:
    /// no axe violation of serious or critical impact, no horizontal scrolling of the page (wide tables scroll in
    /// their own <c>.scroll</c> box), and nothing SEVERE in the browser's console since the page opened.
    /// </summary>
    /// <returns>The screenshots' paths, and what axe found that does not fail a page.</returns>
    public IReadOnlyList<string> CheckUsable(string name)
    {
        var problems = new List<string>();
        var notes = new List<string>();
        var axe = AxeScan.Scan(Driver);
        if (axe.Violations.Where(AxeScan.Blocks).ToList() is { Count: > 0 } blocking)
        {
            problems.Add($"axe found {blocking.Count} serious or critical violation(s):\n{AxeScan.Describe(blocking)}");
        }

        if (axe.Violations.Where(v => !AxeScan.Blocks(v)).ToList() is { Count: > 0 } minor)
        {
            notes.Add($"axe, not failing the page: {AxeScan.Describe(minor)}");
        }

        if (axe.Incomplete.Count > 0)
        {
            notes.Add($"axe could not decide: {AxeScan.Describe(axe.Incomplete, nodes: 3)}");
        }

        notes.Add(Browser.Screenshot($"{name}-{DesktopWidth}"));
        problems.AddRange(HorizontalScroll(DesktopWidth));
        try
        {
            Browser.Viewport(PhoneWidth, PhoneHeight, mobile: true);
            Until(() => Convert.ToInt64(Script("return screen.width;"), CultureInfo.InvariantCulture) == PhoneWidth, $"a phone's screen of {PhoneWidth} px");
            notes.Add(Browser.Screenshot($"{name}-{PhoneWidth}"));
            if (Convert.ToInt64(Script("return document.documentElement.clientWidth;"), CultureInfo.InvariantCulture) is var laidOut && laidOut != PhoneWidth)
            {
                problems.Add($"on a phone of {PhoneWidth} px the page lays out {laidOut} px wide (is its meta viewport width=device-width?)");
            }

            problems.AddRange(HorizontalScroll(PhoneWidth));
        }
        finally
        {
            Browser.Viewport(DesktopWidth, DesktopHeight);
        }

        if (Browser.ConsoleErrors() is { Count: > 0 } errors)
        {
            problems.Add($"the browser's console has {errors.Count} SEVERE entr{(errors.Count == 1 ? "y" : "ies")}:\n{string.Join('\n', errors)}");
        }

        Assert.True(problems.Count == 0, $"{Driver.Url} is not usable:\n{string.Join("\n\n", problems)}");
        return notes;
    }

    private IEnumerable<string> HorizontalScroll(int width)
    {
        var sizes = (ReadOnlyCollection<object>)Script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")!;
        var (scroll, client) = (Convert.ToInt64(sizes[0], CultureInfo.InvariantCulture), Convert.ToInt64(sizes[1], CultureInfo.InvariantCulture));
        if (scroll <= client + 1)
        {
            yield break;
        }

        var wide = (ReadOnlyCollection<object>)Script("""
            const w = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 1 && !e.parentElement.closest('.scroll'))
                .slice(0, 8)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className.trim().replace(/\s+/g, '.') : '') + ' right ' + Math.round(e.getBoundingClientRect().right));
            """)!;
        yield return $"at {width} px the page scrolls sideways: {scroll} px wide in {client} px; too wide: {string.Join(", ", wide)}";
    }
}
