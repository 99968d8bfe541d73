using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace AdeTokens.Loader
{
    /// <summary>A private load context for AdeTokens and its dependencies.</summary>
    public sealed class LoadContext : AssemblyLoadContext
    {
        private static readonly object s_lock = new object();
        private static readonly Dictionary<string, LoadContext> s_contexts = new Dictionary<string, LoadContext>(StringComparer.Ordinal);

        private readonly string _directory;

        private LoadContext(string directory) : base("AdeTokens", isCollectible: false)
        {
            _directory = directory;
        }

        /// <summary>
        /// Loads AdeTokens.dll from <paramref name="directory"/> into the context for that directory.
        /// Calling it again (Import-Module -Force, or a second runspace) returns the same assembly,
        /// because an assembly cannot be unloaded from a non-collectible context.
        /// </summary>
        public static Assembly Initialize(string directory)
        {
            var full = Path.GetFullPath(directory);
            lock (s_lock)
            {
                if (!s_contexts.TryGetValue(full, out var context))
                {
                    context = new LoadContext(full);
                    s_contexts[full] = context;
                }
                return context.LoadFromAssemblyName(new AssemblyName("AdeTokens"));
            }
        }

        /// <inheritdoc />
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Only what we ship is loaded here; everything else (System.Management.Automation, the
            // framework) comes from the default context so PowerShell's own types stay shared.
            var path = Path.Combine(_directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        /// <inheritdoc />
        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var path = Path.Combine(_directory, unmanagedDllName);
            return File.Exists(path) ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
        }
    }
}
