using System.Management.Automation;
#if NETFRAMEWORK
using System;
using System.IO;
using System.Reflection;
#endif

namespace AdeTokens
{
    /// <summary>
    /// On Windows PowerShell 5.1 there is no AssemblyLoadContext. Our dependencies sit beside AdeTokens.dll and
    /// reference each other at versions that differ from what is in the folder (System.Memory and friends), which
    /// .NET Framework would need binding redirects for. This resolver answers only when one of our own assemblies
    /// asks, with files from our own folder or with the few framework facades DesktopBinding names, so it never
    /// steers another module's loads.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        public void OnImport()
        {
#if NETFRAMEWORK
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
#endif
        }

#if NETFRAMEWORK
        private static readonly string s_directory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
            => DesktopBinding.Resolve(args.Name, args.RequestingAssembly, s_directory, AppDomain.CurrentDomain.GetAssemblies, Assembly.LoadFrom, Assembly.Load);
#endif
    }
}
