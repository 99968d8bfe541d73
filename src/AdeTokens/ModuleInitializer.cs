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
    /// .NET Framework would need binding redirects for. This resolver answers only for assemblies in our own
    /// folder and only when one of our own assemblies asks, so it never steers another module's loads.
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
        {
            var requester = args.RequestingAssembly;
            if (requester != null && !IsOurs(requester)) return null;
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name)) return null;
            var path = Path.Combine(s_directory, name + ".dll");
            if (!File.Exists(path)) return null;
            foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (!loaded.IsDynamic && string.Equals(loaded.GetName().Name, name, StringComparison.OrdinalIgnoreCase) && IsOurs(loaded))
                    return loaded;
            }
            return Assembly.LoadFrom(path);
        }

        private static bool IsOurs(Assembly a)
        {
            try
            {
                return !a.IsDynamic && string.Equals(Path.GetDirectoryName(a.Location), s_directory, StringComparison.OrdinalIgnoreCase);
            }
            catch (NotSupportedException)
            {
                return false;
            }
        }
#endif
    }
}
