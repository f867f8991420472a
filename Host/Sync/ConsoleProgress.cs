using KonektoSync.Domain;

namespace KonektoSync.Host.Sync;

/// <summary>
/// Progress per program on stderr: one line rewritten in place on a terminal, plain lines when
/// redirected (one per finished firm and program).
/// </summary>
public sealed class ConsoleProgress(TextWriter err, bool interactive) : IProgress<ProgramProgress>
{
    private readonly Dictionary<ProgramId, ProgramProgress> _last = [];
    private readonly object _gate = new();

    public void Report(ProgramProgress value)
    {
        lock (_gate)
        {
            _last[value.Program] = value;
            var line = Line(value);
            if (interactive)
            {
                var all = string.Join(" | ", _last.Values.OrderBy(v => v.Program).Select(Line));
                err.Write("\r" + all.PadRight(Console.IsErrorRedirected ? 0 : Math.Max(0, SafeWidth() - 1)));
                if (_last.Values.All(v => v.Finished)) err.WriteLine();
            }
            else err.WriteLine(line);
        }
    }

    private static string Line(ProgramProgress p) =>
        Texts.Texts.Get("sync.progress", p.Program.Code(), p.FirmsDone, p.FirmsTotal, p.Records);

    private static int SafeWidth()
    {
        try { return Console.WindowWidth; } catch (IOException) { return 80; }
    }
}
