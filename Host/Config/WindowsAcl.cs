using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace KonektoSync.Host.Config;

/// <summary>
/// The data folder's ACL on Windows: full control for the current user (the service account
/// when run as a service), SYSTEM and the Administrators group, nothing inherited, so other
/// users cannot read it (https://learn.microsoft.com/dotnet/api/system.io.filesystemaclextensions).
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsAcl
{
    /// <summary>Sets the ACL when it allows anyone else; says whether it did.</summary>
    public static bool Restrict(string folder)
    {
        var info = new DirectoryInfo(folder);
        var allowed = new[]
        {
            WindowsIdentity.GetCurrent().User!,
            new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null),
            new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null),
        };
        var current = info.GetAccessControl();
        var rules = current.GetAccessRules(true, true, typeof(SecurityIdentifier)).Cast<FileSystemAccessRule>();
        if (current.AreAccessRulesProtected
            && rules.All(r => r.AccessControlType == AccessControlType.Deny || allowed.Contains(r.IdentityReference)))
            return false;
        var security = new DirectorySecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        foreach (var sid in allowed)
            security.AddAccessRule(new FileSystemAccessRule(sid, FileSystemRights.FullControl,
                InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit,
                PropagationFlags.None, AccessControlType.Allow));
        info.SetAccessControl(security);
        return true;
    }
}
