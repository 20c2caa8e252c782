using Spectre.Console;
using Touchpoint.Features.Import;

namespace Touchpoint.Bench.Mail;

/// <summary>A progress bar over a count of messages while a long phase runs.</summary>
internal static class MailProgress
{
    /// <summary>Runs <paramref name="phase"/>, which reports how many of <paramref name="total"/> are done.</summary>
    public static Task<T> ShowAsync<T>(string label, int total, Func<Action<int>, Task<T>> phase) =>
        ImportProgressDisplay.Bar(BenchConsole.Output).StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, total));
            var result = await phase(done => task.Value = done);
            task.Value = total;
            return result;
        });
}
