using System.Text;

namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>How Google's front end carries a google.rpc.Code over HTTP: the status, and the code's name in the error's <c>status</c>.</summary>
internal static class RpcCodes
{
    public static int HttpStatus(this RpcCode code) => code switch
    {
        RpcCode.Ok => 200,
        RpcCode.Cancelled => 499,
        RpcCode.InvalidArgument or RpcCode.FailedPrecondition or RpcCode.OutOfRange => 400,
        RpcCode.Unauthenticated => 401,
        RpcCode.PermissionDenied => 403,
        RpcCode.NotFound => 404,
        RpcCode.AlreadyExists or RpcCode.Aborted => 409,
        RpcCode.ResourceExhausted => 429,
        RpcCode.Unimplemented => 501,
        RpcCode.Unavailable => 503,
        RpcCode.DeadlineExceeded => 504,
        _ => 500,
    };

    /// <summary>The code an HTTP status stands for, as Vertex AI reports a serving container's error status.</summary>
    public static RpcCode FromHttpStatus(int status) => status switch
    {
        401 => RpcCode.Unauthenticated,
        403 => RpcCode.PermissionDenied,
        404 => RpcCode.NotFound,
        409 => RpcCode.Aborted,
        429 => RpcCode.ResourceExhausted,
        499 => RpcCode.Cancelled,
        501 => RpcCode.Unimplemented,
        503 => RpcCode.Unavailable,
        504 => RpcCode.DeadlineExceeded,
        >= 400 and < 500 => RpcCode.FailedPrecondition,
        _ => RpcCode.Internal,
    };

    /// <summary><c>PERMISSION_DENIED</c>, <c>RESOURCE_EXHAUSTED</c>, …</summary>
    public static string StatusName(this RpcCode code)
    {
        var name = code.ToString();
        var snake = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                snake.Append('_');
            }

            snake.Append(char.ToUpperInvariant(name[i]));
        }

        return snake.ToString();
    }
}
