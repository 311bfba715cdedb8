using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace MlOps.Registry.Apis;

/// <summary>
/// Lists that grow with a model's history, newest first, a page at a time: <c>pageSize</c> entries (100
/// unless asked, at most 1000) from <c>pageToken</c>, the newest key the page may hold (a version number;
/// for the alias history, a move's number), down. Each page is one index range read, however long the
/// history. The body keeps its shape; when older entries remain, a <c>Link: &lt;…&gt;; rel="next"</c>
/// header names the next page.
/// </summary>
internal static class Paging
{
    public const int DefaultSize = 100;
    public const int MaxSize = 1000;

    /// <summary>Each parameter's problem keyed by its name; empty when the page may be read.</summary>
    public static Dictionary<string, string[]> Problems(this PageRequest page)
    {
        var problems = new Dictionary<string, string[]>();
        if (page.PageSize is < 1 or > MaxSize)
        {
            problems[PageRequest.SizeParameter] = [$"{PageRequest.SizeParameter} must be between 1 and {MaxSize}, not {page.PageSize}"];
        }

        if (page.PageToken is < 1)
        {
            problems[PageRequest.TokenParameter] = [$"{PageRequest.TokenParameter} must be at least 1, not {page.PageToken}"];
        }

        return problems;
    }

    /// <summary>
    /// Reads one page of <paramref name="query"/> by descending <paramref name="key"/>: one entry more than
    /// the page, so that whether an older page exists is known without counting, and links to it when it does.
    /// </summary>
    public static async Task<List<T>> ReadPageAsync<T>(this IQueryable<T> query, Expression<Func<T, int>> key, PageRequest page, HttpResponse response, CancellationToken cancellationToken)
    {
        var size = page.PageSize ?? DefaultSize;
        var from = page.PageToken ?? int.MaxValue;
        Expression<Func<int>> token = () => from; // a captured variable, so the token is a SQL parameter and the statement one cached plan
        var atOrBelow = Expression.Lambda<Func<T, bool>>(Expression.LessThanOrEqual(key.Body, token.Body), key.Parameters);
        var fetched = await query.Where(atOrBelow).OrderByDescending(key).Take(size + 1).ToListAsync(cancellationToken);
        if (fetched.Count <= size)
        {
            return fetched;
        }

        var request = response.HttpContext.Request;
        var next = key.Compile(preferInterpretation: true)(fetched[size]);
        response.Headers[HeaderNames.Link] = $"<{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}?{PageRequest.SizeParameter}={size}&{PageRequest.TokenParameter}={next}>; rel=\"next\"";
        return fetched[..size];
    }
}
