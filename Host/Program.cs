using KonektoSync.Host.Cli;

Console.OutputEncoding = System.Text.Encoding.UTF8;
System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // the first Ctrl+C stops cleanly: the running group finishes or is dropped whole
    e.Cancel = true;
    cancel.Cancel();
};
return await CliApp.Run(args, Console.Out, Console.Error, TimeProvider.System, cancel.Token);
