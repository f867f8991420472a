using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>
/// The embedded engine's client library, once it attached a database, answers SIGINT and SIGTERM
/// by shutting the engine down on a thread of its own (<c>fb_shutdown</c> with the reason
/// <c>fb_shutrsn_signal</c>), while the process's own handler stops the sync in order. The two
/// then race: a read in progress loses its attachment under it ("connection shutdown"), and a
/// detach can meet the engine half torn down (a hang or a crash at exit). The library lets an
/// application refuse that shutdown: a callback registered with <c>fb_shutdown_callback</c> and
/// the mask <c>fb_shut_confirmation</c> that returns non-zero for the signal reason keeps the engine
/// up; Firebird's own tools (isql, gstat, nbackup) do the same. The process then stops by its own
/// cancellation, and the engine shuts down at exit as usual (reason <c>fb_shutrsn_exit_called</c>,
/// which the callback confirms). Firebird's doc/README.fb_shutdown describes the calls
/// (https://github.com/FirebirdSQL/firebird/blob/master/doc/README.fb_shutdown).
/// </summary>
internal static class EngineSignals
{
    private const int ShutConfirmation = 1; // fb_shut_confirmation
    private const int ReasonSignal = -5;    // fb_shutrsn_signal

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int ShutdownCallback(int reason, int mask, IntPtr arg);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr RegisterCallback(IntPtr[] status, ShutdownCallback callback, int mask, IntPtr arg);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Shutdown(uint timeout, int reason);

    // the delegate handed to the library lives as long as the process
    private static readonly ShutdownCallback Confirm = (reason, _, _) => reason == ReasonSignal ? 1 : 0;
    private static readonly ConcurrentDictionary<string, bool> Registered = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers the refusal once per client library, before its first embedded attach. A library
    /// that cannot be loaded or lacks the call is left alone: the attach reports it.
    /// </summary>
    public static bool KeepSignalsToProcess(string clientLibrary) =>
        Registered.GetOrAdd(clientLibrary, Register);

    private static bool Register(string clientLibrary)
    {
        if (!NativeLibrary.TryLoad(clientLibrary, out var library)
            || !NativeLibrary.TryGetExport(library, "fb_shutdown_callback", out var export))
            return false;
        var register = Marshal.GetDelegateForFunctionPointer<RegisterCallback>(export);
        var status = new IntPtr[20];
        register(status, Confirm, ShutConfirmation, IntPtr.Zero);
        return status[1] == IntPtr.Zero;
    }

    /// <summary>
    /// What the library's signal handler does, called directly: asks the engine to shut down for a
    /// signal. 0 means it shut down; anything else, that a confirmation callback refused.
    /// </summary>
    internal static int ShutdownForSignal(string clientLibrary)
    {
        var library = NativeLibrary.Load(clientLibrary);
        var shutdown = Marshal.GetDelegateForFunctionPointer<Shutdown>(NativeLibrary.GetExport(library, "fb_shutdown"));
        return shutdown(0, ReasonSignal);
    }
}
