using System.Globalization;
using Spectre.Console;

namespace Touchpoint.Features.Import;

/// <summary>
/// A running import on a console (Spectre.Console): a bar over the file's bytes, the rows read, validated and written,
/// rows/s and the time left. Where the output is not a terminal (a log, CI, a test) the bar becomes plain lines: at
/// 25, 50, 75 and from 95 % on, and at least every 30 s.
/// </summary>
public static class ImportProgressDisplay
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(200);

    /// <summary>A console writing to <paramref name="output"/>; a live bar only on a terminal, plain lines elsewhere.</summary>
    public static IAnsiConsole Console(TextWriter output, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            // A log line is not wrapped at the 80 columns assumed when there is no terminal to ask.
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>The import's columns: what is done, a bar, the share done and the time left.</summary>
    public static Progress Bar(IAnsiConsole console) =>
        console.Progress().Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn());

    /// <summary>Shows <paramref name="progress"/> under <paramref name="label"/> until <paramref name="import"/> ends.</summary>
    public static Task<T> ShowAsync<T>(IAnsiConsole console, string label, ImportProgress progress, TimeProvider clock, Func<Task<T>> import)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(import);
        return Bar(console).StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, progress.TotalBytes ?? 1));
            var started = clock.GetTimestamp();
            var running = import();
            while (await Task.WhenAny(running, Task.Delay(Refresh, clock)) != running)
            {
                Update(task, label, progress, clock.GetElapsedTime(started));
            }

            Update(task, label, progress, clock.GetElapsedTime(started));
            task.Value = task.MaxValue;
            task.StopTask();
            return await running;
        });
    }

    private static void Update(ProgressTask task, string label, ImportProgress progress, TimeSpan elapsed)
    {
        var read = progress.Read;
        var rate = elapsed.TotalSeconds > 0 ? read / elapsed.TotalSeconds : 0;
        task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {read:N0} read, {progress.Validated:N0} validated, {progress.Written:N0} written, {rate:N0} rows/s"));
        task.Value = Math.Min(progress.BytesRead, task.MaxValue);
    }
}
