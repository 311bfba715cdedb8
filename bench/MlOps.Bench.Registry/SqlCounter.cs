using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

/// <summary>Counts the SQL commands the Registry issues and, while capturing, keeps their text and parameters.</summary>
internal sealed class SqlCounter : DbCommandInterceptor
{
    private readonly List<CapturedCommand> _captured = [];
    private long _count;
    private volatile bool _capturing;

    public long Count => Interlocked.Read(ref _count);

    public void Capture()
    {
        lock (_captured)
        {
            _captured.Clear();
        }

        _capturing = true;
    }

    public List<CapturedCommand> StopCapturing()
    {
        _capturing = false;
        lock (_captured)
        {
            return [.. _captured];
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        base.ReaderExecuting(Seen(command), eventData, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        base.ReaderExecutingAsync(Seen(command), eventData, result, cancellationToken);

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        base.ScalarExecuting(Seen(command), eventData, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        base.ScalarExecutingAsync(Seen(command), eventData, result, cancellationToken);

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        base.NonQueryExecuting(Seen(command), eventData, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        base.NonQueryExecutingAsync(Seen(command), eventData, result, cancellationToken);

    private DbCommand Seen(DbCommand command)
    {
        Interlocked.Increment(ref _count);
        if (_capturing)
        {
            var parameters = command.Parameters.Cast<DbParameter>().Select(p => new CapturedParameter(p.ParameterName, p.Value, p.DbType)).ToList();
            lock (_captured)
            {
                _captured.Add(new CapturedCommand(command.CommandText, parameters));
            }
        }

        return command;
    }
}

internal sealed record CapturedCommand(string Text, List<CapturedParameter> Parameters);

internal sealed record CapturedParameter(string Name, object? Value, System.Data.DbType Type);
