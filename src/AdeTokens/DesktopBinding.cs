using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace AdeTokens
{
    /// <summary>
    /// How Windows PowerShell 5.1 finds the module's dependencies. .NET Framework has no load contexts and no binding
    /// redirects for a module, so every reference in bin/net472 that the framework cannot bind by itself lands in
    /// AppDomain.AssemblyResolve. This class decides the answer; ModuleInitializer hooks it up. It is plain code with
    /// no PowerShell types, so the xunit tests run it on .NET and on Mono (tests/AdeTokens.Core.Tests/Binding).
    /// The binding audit (the same tests) fails on any reference that neither a shipped file nor a list here covers.
    /// </summary>
    internal static class DesktopBinding
    {
        /// <summary>
        /// Framework facades that our dependencies reference at a higher version than .NET Framework 4.7.2 carries,
        /// with the version it does carry. The types live in mscorlib either way, so the inbox facade is the right
        /// answer. System.ValueTuple: System.Text.Json, System.Formats.Asn1, Microsoft.Bcl.Cryptography and
        /// Microsoft.Extensions.* ask for 4.0.5.0, Microsoft.Graph.Core and Kiota's HTTP library for 4.0.3.0;
        /// 4.7.2 has 4.0.2.0.
        /// </summary>
        internal static readonly IReadOnlyDictionary<string, Version> FrameworkFacades = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase)
        {
            ["System.ValueTuple"] = new Version(4, 0, 2, 0),
        };

        /// <summary>Assemblies that Windows PowerShell itself supplies; the module must never ship or answer them.</summary>
        internal static readonly IReadOnlyList<string> HostAssemblies = new[] { "System.Management.Automation" };

        /// <summary>
        /// The answer to one AssemblyResolve request, or null to leave it to others.
        /// </summary>
        /// <param name="requestedName">The full name asked for.</param>
        /// <param name="requester">The assembly whose reference is being bound; .NET Framework passes null for some loads.</param>
        /// <param name="directory">The module's bin/net472 folder.</param>
        /// <param name="loaded">The assemblies already in the AppDomain.</param>
        /// <param name="loadFrom">Loads a file (Assembly.LoadFrom).</param>
        /// <param name="load">Loads by full name (Assembly.Load).</param>
        internal static Assembly? Resolve(string requestedName, Assembly? requester, string directory, Func<IEnumerable<Assembly>> loaded, Func<string, Assembly> loadFrom, Func<AssemblyName, Assembly> load)
        {
            if (requester != null && !IsIn(requester, directory)) return null;
            var requested = new AssemblyName(requestedName);
            var name = requested.Name;
            if (string.IsNullOrEmpty(name)) return null;

            var path = Path.Combine(directory, name + ".dll");
            if (File.Exists(path))
            {
                foreach (var a in loaded())
                {
                    if (!a.IsDynamic && string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase) && IsIn(a, directory)) return a;
                }
                return loadFrom(path);
            }

            // A facade only for a request our own code makes: another module asking for a higher System.ValueTuple
            // must get its own resolver's answer (or the framework's failure), not ours.
            if (requester is null || !FrameworkFacades.TryGetValue(name!, out var inbox)) return null;
            if (requested.Version != null && requested.Version <= inbox) return null;
            foreach (var a in loaded())
            {
                if (!a.IsDynamic && string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase) && !IsIn(a, directory)) return a;
            }
            var framework = new AssemblyName(requestedName) { Version = inbox };
            try
            {
                return load(framework);
            }
            catch (IOException)
            {
                return null;
            }
            catch (BadImageFormatException)
            {
                return null;
            }
        }

        internal static bool IsIn(Assembly a, string directory)
        {
            try
            {
                return !a.IsDynamic && a.Location.Length > 0 && string.Equals(Path.GetDirectoryName(a.Location), directory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), StringComparison.OrdinalIgnoreCase);
            }
            catch (NotSupportedException)
            {
                return false;
            }
        }
    }
}
