using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace AdeTokens.Bootstrap
{
    /// <summary>
    /// The first nested module of bin/AdeTokens.Cmdlets.psd1. PowerShell runs this before it looks for the second one,
    /// 'AdeTokens.dll'. That file is not in the manifest's folder, so PowerShell loads the assembly by name, and the answer set up here
    /// decides which build comes back: bin/net472 on Windows PowerShell 5.1, the private load context on PowerShell 7.
    /// No script runs at import: a script root module, and above all the .NET method calls in one, cost more than
    /// everything else the import does (bench/RESULTS.md, "Module size and import").
    /// </summary>
    public sealed class ModuleBootstrap : IModuleAssemblyInitializer
    {
        /// <inheritdoc />
        public void OnImport()
        {
            var bin = Path.GetDirectoryName(typeof(ModuleBootstrap).Assembly.Location) ?? string.Empty;
            if (IsCoreClr) RegisterCore(bin);
            else DesktopModuleResolver.Register(bin);
        }

        // PowerShell 7 runs on .NET, Windows PowerShell 5.1 on .NET Framework; only .NET has load contexts.
        private static bool IsCoreClr => string.Equals(typeof(object).Assembly.GetName().Name, "System.Private.CoreLib", StringComparison.Ordinal);

        // A load context needs .NET's AssemblyLoadContext, which netstandard2.0 cannot name, so it lives in the net8.0
        // AdeTokens.Loader. One reflection call per import hands over to it.
        private static void RegisterCore(string bin)
        {
            var loader = Assembly.LoadFrom(Path.Combine(bin, "net8.0", "AdeTokens.Loader.dll"));
            var type = loader.GetType("AdeTokens.Loader.LoadContext", throwOnError: true)!;
            var register = type.GetMethod("RegisterModuleResolver", new[] { typeof(string), typeof(string) })
                ?? throw new MissingMethodException(type.FullName, "RegisterModuleResolver");
            register.Invoke(null, new object[] { Path.Combine(bin, "net8.0", "lib"), Path.Combine(bin, "net472") });
        }
    }
}
