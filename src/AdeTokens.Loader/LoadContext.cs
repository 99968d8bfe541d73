using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace AdeTokens.Loader
{
    /// <summary>A private load context for AdeTokens and its dependencies.</summary>
    public sealed class LoadContext : AssemblyLoadContext
    {
        private static readonly object s_lock = new object();
        private static readonly Dictionary<string, LoadContext> s_contexts = new Dictionary<string, LoadContext>(StringComparer.Ordinal);

        /// <summary>
        /// Assemblies the module ships once, in the Windows PowerShell folder, as their netstandard2.0 build.
        /// Microsoft.Graph.dll is 44 MB per target framework and its net8.0 build adds nothing we use, so one
        /// copy serves both editions (bench/RESULTS.md, "Module size and import"). Named here, not probed by
        /// pattern, so nothing else built for .NET Framework is ever loaded into PowerShell 7.
        /// </summary>
        public static readonly IReadOnlyList<string> SharedAssemblies = new[] { "Microsoft.Graph" };

        /// <summary>
        /// The folder, beside <c>lib</c>, that build.ps1 fills with ReadyToRun images of the assemblies on the request
        /// path for one .NET major version and platform (<c>r2r/net10.0-linux-x64</c>, <c>r2r/net10.0-win-x64</c>). The
        /// runtime uses their precompiled code only on the major version they were compiled against (on any other it
        /// JIT-compiles their IL, as if they were not there), so only the folder named for the running .NET and
        /// platform is looked in. Each image holds the same IL as its <c>lib</c> copy; build.ps1 checks that.
        /// </summary>
        internal static string PrecompiledFolderName => $"net{Environment.Version.Major}.0-{RuntimeInformation.RuntimeIdentifier}";

        private readonly string _directory;
        private readonly string? _sharedDirectory;
        private readonly string? _precompiledDirectory;

        private LoadContext(string directory, string? sharedDirectory) : base("AdeTokens", isCollectible: false)
        {
            _directory = directory;
            _sharedDirectory = sharedDirectory;
            var parent = Path.GetDirectoryName(directory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            var precompiled = parent is null ? null : Path.Combine(parent, "r2r", PrecompiledFolderName);
            _precompiledDirectory = precompiled != null && Directory.Exists(precompiled) ? precompiled : null;
        }

        /// <summary>
        /// Loads AdeTokens.dll from <paramref name="directory"/> into the context for that directory.
        /// Calling it again (Import-Module -Force, or a second runspace) returns the same assembly,
        /// because an assembly cannot be unloaded from a non-collectible context.
        /// </summary>
        public static Assembly Initialize(string directory) => Initialize(directory, null);

        /// <summary>
        /// As <see cref="Initialize(string)"/>; the assemblies named in <see cref="SharedAssemblies"/> that are
        /// not in <paramref name="directory"/> are loaded from <paramref name="sharedDirectory"/>.
        /// </summary>
        public static Assembly Initialize(string directory, string? sharedDirectory)
        {
            var full = Path.GetFullPath(directory);
            lock (s_lock)
            {
                if (!s_contexts.TryGetValue(full, out var context))
                {
                    context = new LoadContext(full, sharedDirectory is null ? null : Path.GetFullPath(sharedDirectory));
                    s_contexts[full] = context;
                }
                return context.LoadFromAssemblyName(new AssemblyName("AdeTokens"));
            }
        }

        private static (string Directory, string? Shared)? s_moduleDirectories;

        /// <summary>
        /// Makes PowerShell's load of AdeTokens by name (the manifest's nested module 'AdeTokens.dll', which is not in
        /// the module's folder) come from this context for <paramref name="directory"/>. AdeTokens.Bootstrap calls it on
        /// every import; the newest call decides, so importing another installed version after Remove-Module works.
        /// </summary>
        public static void RegisterModuleResolver(string directory, string? sharedDirectory)
        {
            lock (s_lock)
            {
                var first = s_moduleDirectories is null;
                s_moduleDirectories = (directory, sharedDirectory);
                if (first) Default.Resolving += ResolveModule;
            }
        }

        // Only the cmdlet assembly's own name is answered; every other request in the default context is left alone.
        private static Assembly? ResolveModule(AssemblyLoadContext context, AssemblyName name)
        {
            if (!string.Equals(name.Name, "AdeTokens", StringComparison.OrdinalIgnoreCase)) return null;
            var dirs = s_moduleDirectories;
            return dirs is null ? null : Initialize(dirs.Value.Directory, dirs.Value.Shared);
        }

        /// <inheritdoc />
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Only what we ship, and the running .NET has no copy of as new, is loaded here; everything else
            // (System.Management.Automation, the framework) comes from the default context so PowerShell's own types
            // stay shared.
            var path = Path.Combine(_directory, assemblyName.Name + ".dll");
            if (File.Exists(path))
            {
                if (FrameworkIsAsNew(path)) return null;
                var precompiled = _precompiledDirectory is null ? null : Path.Combine(_precompiledDirectory, assemblyName.Name + ".dll");
                return LoadFromAssemblyPath(precompiled != null && File.Exists(precompiled) ? precompiled : path);
            }
            if (_sharedDirectory != null && IsShared(assemblyName.Name))
            {
                var shared = Path.Combine(_sharedDirectory, assemblyName.Name + ".dll");
                if (File.Exists(shared)) return LoadFromAssemblyPath(shared);
            }
            return null;
        }

        private static readonly string s_frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;

        /// <summary>
        /// True when the running .NET itself has the assembly we ship at <paramref name="shipped"/>, at the same version
        /// or later (System.Text.Json, System.Text.Encodings.Web, System.IO.Pipelines, System.Diagnostics.DiagnosticSource,
        /// System.Formats.Asn1 on .NET 10). The runtime's copy is then the one to use, as the .NET host itself picks the
        /// higher of an app's copy and the framework's: it is precompiled (ReadyToRun) where the NuGet build we ship is IL
        /// only, so every method of it would otherwise be JIT-compiled in each new process. Compared with our copy, not
        /// with the version a reference asks for, so that every reference to one name gets the same copy. Only the
        /// framework's own folder is consulted, never PowerShell's, so the isolation from PowerShell's and other modules'
        /// libraries is unchanged; on an older .NET (PowerShell 7.4 on .NET 8) our copy loads as before. Asked only for
        /// the files we ship, so no other load reads any metadata.
        /// </summary>
        private static bool FrameworkIsAsNew(string shipped)
        {
            if (s_frameworkDirectory.Length == 0) return false;
            var runtime = Path.Combine(s_frameworkDirectory, Path.GetFileName(shipped));
            if (!File.Exists(runtime)) return false;
            try
            {
                var available = AssemblyName.GetAssemblyName(runtime).Version;
                var ours = AssemblyName.GetAssemblyName(shipped).Version;
                return available != null && ours != null && available >= ours;
            }
            catch (Exception e) when (e is IOException || e is BadImageFormatException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static bool IsShared(string? name)
        {
            foreach (var s in SharedAssemblies)
            {
                if (string.Equals(s, name, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        /// <inheritdoc />
        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var path = Path.Combine(_directory, unmanagedDllName);
            return File.Exists(path) ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
        }
    }
}
