using KonektoSync.Extract;
using KonektoSync.Extract.Programs.Buchalter;
using KonektoSync.Extract.Programs.Fakt;
using KonektoSync.Extract.Programs.Raks;

namespace KonektoSync.Host.Sync;

/// <summary>The connectors compiled into this build.</summary>
internal static class ConnectorList
{
    public static void AddTo(List<IProgramConnector> list)
    {
        list.Add(RaksProgram.Connector());
        list.Add(FaktProgram.Connector());
        list.Add(BuchalterProgram.Connector());
    }
}
