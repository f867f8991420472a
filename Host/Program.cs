using System.Runtime.InteropServices;
using KonektoSync.Host.Cli;

Console.OutputEncoding = System.Text.Encoding.UTF8;
System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
// neither the token source nor the signal registrations are disposed: a signal that lands while the
// process exits (after the command returned: logs flushed, an embedded engine shut down) is still
// taken, so it never ends the process by the default action (exit 143 for SIGTERM) mid-shutdown
var cancel = new CancellationTokenSource();
// Ctrl+C (SIGINT), SIGTERM (a service stop, kill) and SIGQUIT stop cleanly: the running group
// finishes or is dropped whole, the run is closed and the command says "stopped on request"
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    // Cancel runs every registered callback, among them a Firebird command's cancel, which throws
    // "connection shutdown" when the command's connection is already gone; all callbacks have run
    // by then, and the stop goes on: such a failure must not end the process on the signal thread
    try { cancel.Cancel(); }
    catch (AggregateException) { }
}
var signals = new[]
{
    PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop),
    PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop),
    PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop),
};
var exit = await CliApp.Run(args, Console.Out, Console.Error, TimeProvider.System, cancel.Token);
GC.KeepAlive(signals);
return exit;
