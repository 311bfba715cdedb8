using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace MlOps.WebConsole.Tests.Identity;

internal static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IElement? Find(string html, string selector) => Parser.ParseDocument(html).QuerySelector(selector);
}
