using Microsoft.AspNetCore.Mvc;

namespace MlOps.Registry.Apis;

/// <summary>The query parameters that choose a page of a list (see <see cref="Paging"/>); both optional.</summary>
internal sealed record PageRequest(
    [FromQuery(Name = PageRequest.SizeParameter)] int? PageSize,
    [FromQuery(Name = PageRequest.TokenParameter)] int? PageToken)
{
    public const string SizeParameter = "pageSize";
    public const string TokenParameter = "pageToken";
}
