using KonektoSync.Extract;
using KonektoSync.Extract.Programs.Enova365;
using KonektoSync.Extract.Programs.InsertNexo;
using KonektoSync.Extract.Programs.Fakt;
using KonektoSync.Extract.Programs.Finka;
using KonektoSync.Extract.Programs.Ognik;
using KonektoSync.Extract.Programs.Optima;
using KonektoSync.Extract.Programs.Raks;

namespace KonektoSync.Host.Sync;

/// <summary>The connectors compiled into this build.</summary>
internal static class ConnectorList
{
    public static void AddTo(List<IProgramConnector> list)
    {
        list.Add(RaksProgram.Connector());
        list.Add(FaktProgram.Connector());
        list.Add(OptimaProgram.Connector());
        list.Add(Enova365Program.Connector());
        list.Add(InsertNexoProgram.Connector());
        list.Add(OgnikProgram.Connector());
        list.Add(FinkaProgram.KprConnector());
        list.Add(FinkaProgram.FkConnector());
        list.Add(FinkaProgram.PlaceConnector());
    }
}
