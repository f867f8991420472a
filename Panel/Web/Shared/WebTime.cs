namespace KonektoSync.Panel.Web.Shared;

/// <summary>Times on the pages: in Polish time (Europe/Warsaw), as the office reads them.</summary>
public static class WebTime
{
    private static readonly TimeZoneInfo Warsaw = Find();

    private static TimeZoneInfo Find()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
        catch (InvalidTimeZoneException) { return TimeZoneInfo.Utc; }
    }

    public static DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Warsaw);

    /// <summary>dd.MM.yyyy HH:mm in Polish, yyyy-MM-dd HH:mm in English.</summary>
    public static string Show(DateTimeOffset at, PageLanguage t) =>
        Local(at).ToString(t.Code == PageTexts.English ? "yyyy-MM-dd HH:mm" : "dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
