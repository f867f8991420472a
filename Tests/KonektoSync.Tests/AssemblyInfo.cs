// Test classes run one after another: several share the local Firebird server and embedded
// engine, and the crash tests kill processes that hold Firebird files open.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
