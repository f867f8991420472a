using KonektoSync.Domain;
using KonektoSync.Host.Cli;
using Spectre.Console;

namespace KonektoSync.Host.Sync;

/// <summary>
/// Progress per program on stderr: on a terminal one Spectre.Console progress bar per program, redrawn
/// in place; redirected, plain lines (one per report: a finished firm or program).
/// </summary>
public sealed class ConsoleProgress(TextWriter err, Screen screen) : IProgress<ProgramProgress>
{
    private readonly object _gate = new();

    /// <summary>Runs <paramref name="work"/> with the progress it reports to drawn as this screen allows.</summary>
    public async Task<T> Around<T>(Func<IProgress<ProgramProgress>, Task<T>> work)
    {
        if (!screen.Terminal) return await work(this);
        var result = default(T)!;
        await screen.Console(err).Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async ctx => { result = await work(new Bars(ctx)); });
        return result;
    }

    public void Report(ProgramProgress value)
    {
        lock (_gate) err.WriteLine(Line(value));
    }

    internal static string Line(ProgramProgress p) =>
        Texts.Texts.Get("sync.progress", p.Program.Code(), p.FirmsDone, p.FirmsTotal, p.Records);

    private sealed class Bars(ProgressContext context) : IProgress<ProgramProgress>
    {
        private readonly Dictionary<ProgramId, ProgressTask> _tasks = [];

        public void Report(ProgramProgress p)
        {
            lock (_tasks)
            {
                if (!_tasks.TryGetValue(p.Program, out var task))
                    _tasks[p.Program] = task = context.AddTask(Markup.Escape(Line(p)), maxValue: Math.Max(1, p.FirmsTotal));
                task.Description = Markup.Escape(Line(p));
                task.MaxValue = Math.Max(1, p.FirmsTotal);
                task.Value = p.Finished ? task.MaxValue : p.FirmsDone;
                if (p.Finished) task.StopTask();
            }
        }
    }
}
