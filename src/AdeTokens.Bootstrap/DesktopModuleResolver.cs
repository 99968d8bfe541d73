using System;
using System.IO;
using System.Reflection;

namespace AdeTokens.Bootstrap
{
    /// <summary>
    /// Windows PowerShell 5.1's answer to its load of AdeTokens by name. Plain code with no PowerShell types, so the
    /// xunit tests run it on .NET and under Mono. Once the cmdlet assembly is loaded, its own resolver
    /// (src/AdeTokens/DesktopBinding.cs) answers for its dependencies.
    /// </summary>
    internal static class DesktopModuleResolver
    {
        /// <summary>The assembly the manifest names as its cmdlet module ('AdeTokens.dll').</summary>
        internal const string CmdletAssembly = "AdeTokens";

        private static readonly object s_lock = new object();
        private static string? s_bin;

        internal static void Register(string bin)
        {
            lock (s_lock)
            {
                // The newest import decides, so Remove-Module and then importing another installed version works.
                var first = s_bin is null;
                s_bin = bin;
                if (first) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var bin = s_bin;
            if (bin is null) return null;
            var path = PathFor(args.Name, bin);
            return path is null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>
        /// The file that answers <paramref name="requestedName"/>, or null to leave the request to others. Only the
        /// cmdlet assembly's own name is answered, at any version: PowerShell asks for it by simple name. The request has
        /// no requester of ours to check (PowerShell itself makes it), so nothing else is ever answered here.
        /// </summary>
        internal static string? PathFor(string requestedName, string bin)
        {
            AssemblyName name;
            try
            {
                name = new AssemblyName(requestedName);
            }
            catch (Exception e) when (e is ArgumentException || e is FileLoadException)
            {
                return null;
            }
            if (!string.Equals(name.Name, CmdletAssembly, StringComparison.OrdinalIgnoreCase)) return null;
            if (!string.IsNullOrEmpty(name.CultureName)) return null;
            var path = Path.Combine(bin, "net472", CmdletAssembly + ".dll");
            return File.Exists(path) ? path : null;
        }
    }
}
