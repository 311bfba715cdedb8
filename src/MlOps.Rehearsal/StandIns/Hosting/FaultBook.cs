using System.Globalization;
using MlOps.Rehearsal.StandIns.Routing;

namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>The injected faults still to serve, matched in the order they were injected.</summary>
/// <param name="service">The API's name, for the message of a fault injected without one.</param>
internal sealed class FaultBook(string service)
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private int _served;

    public int Served => Volatile.Read(ref _served);

    public void Add(StandInFault fault)
    {
        ArgumentException.ThrowIfNullOrEmpty(fault.Method);
        ArgumentException.ThrowIfNullOrEmpty(fault.PathContains);
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Times, 1);
        if (fault.Code == RpcCode.Ok)
        {
            throw new ArgumentException("A fault answers an error; RpcCode.Ok is none.", nameof(fault));
        }

        lock (_gate)
        {
            _entries.Add(new Entry(fault) { Left = fault.Times });
        }
    }

    /// <summary>A denial carries the ErrorInfo of the permission the method needs, as a real one does.</summary>
    public void ThrowIfDue(string method, string path, RouteMatch match)
    {
        StandInFault fault;
        lock (_gate)
        {
            var entry = _entries.Find(e => string.Equals(e.Fault.Method, method, StringComparison.OrdinalIgnoreCase) && path.Contains(e.Fault.PathContains, StringComparison.Ordinal));
            if (entry is null)
            {
                return;
            }

            if (--entry.Left == 0)
            {
                _entries.Remove(entry);
            }

            fault = entry.Fault;
        }

        Interlocked.Increment(ref _served);
        var headers = new Dictionary<string, string>();
        if (fault.RetryAfter is { } retryAfter)
        {
            headers["Retry-After"] = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (fault.Code == RpcCode.PermissionDenied)
        {
            var denial = RpcErrors.PermissionDenied(match.Route.Permission, Authorization.ResourceOf(match), fault.Message);
            throw new RpcException(denial.Code, denial.Message, denial.Details) { Headers = headers };
        }

        throw new RpcException(fault.Code, fault.Message ?? $"The service answered {fault.Code.StatusName()} (a fault injected into the {service} stand-in).") { Headers = headers };
    }

    private sealed class Entry(StandInFault fault)
    {
        public StandInFault Fault { get; } = fault;

        public int Left { get; set; }
    }
}
