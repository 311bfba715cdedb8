using Spectre.Console;

namespace MlOps.Cli;

/// <summary>Progress bars for long steps; silent when the output is JSON for a script.</summary>
internal static class Progress
{
    public static T Run<T>(CliConsole console, bool quiet, string description, double total, Func<IProgress<long>, T> work)
    {
        if (quiet)
        {
            return work(Sync(_ => { }));
        }

        return console.Ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: Math.Max(total, 1));
                var result = work(new Reporter(task));
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>A spinner for steps whose length is unknown, such as fitting a model.</summary>
    public static T Spin<T>(CliConsole console, bool quiet, string description, Func<T> work)
    {
        if (quiet || !console.Ansi.Profile.Capabilities.Interactive)
        {
            if (!quiet)
            {
                console.Ansi.WriteLine(description + " ...");
            }

            return work();
        }

        return console.Ansi.Status().Spinner(Spinner.Known.Dots).Start(description, _ => work());
    }

    /// <summary>Calls back on the reporting thread. System.Progress&lt;T&gt; posts to the thread pool instead, where a late callback can outlive what it reads.</summary>
    public static IProgress<long> Sync(Action<long> report) => new Callback(report);

    private sealed class Callback(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    // Reports synchronously: System.Progress<T> posts to the thread pool and would lag behind.
    private sealed class Reporter(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = Math.Min(value, task.MaxValue);
    }
}
