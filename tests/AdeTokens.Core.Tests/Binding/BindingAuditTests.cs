#if NET
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using AdeTokens.Tests.Infrastructure;
using Xunit;

namespace AdeTokens.Tests.Binding
{
    /// <summary>
    /// Windows PowerShell 5.1 cannot be run here, so its binding is checked on paper: every assembly reference in the
    /// shipped bin/net472 must be met by a shipped file (same or higher version), by .NET Framework 4.7.2 itself
    /// (reference assemblies and facades from Microsoft.NETFramework.ReferenceAssemblies.net472), by the host
    /// (System.Management.Automation), or by a facade that DesktopBinding names. Anything else fails the test.
    /// </summary>
    public sealed class BindingAuditTests
    {
        private sealed record Reference(string From, string Name, Version Version);

        private static string ModuleBin
        {
            get
            {
                var manifest = File.ReadAllText(Path.Combine(Simulator.RepoRoot, "AdeTokens.psd1"));
                var version = Regex.Match(manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
                var bin = Path.Combine(Simulator.RepoRoot, "out", "AdeTokens", version, "bin");
                if (!Directory.Exists(Path.Combine(bin, "net472"))) throw new DirectoryNotFoundException("Lay out the module first (build.ps1 -Task Build): " + bin);
                return bin;
            }
        }

        private static string FrameworkReferenceAssemblies
        {
            get
            {
                var path = typeof(BindingAuditTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Net472ReferenceAssemblies").Value!;
                if (!File.Exists(Path.Combine(path, "mscorlib.dll"))) throw new DirectoryNotFoundException("The .NET Framework 4.7.2 reference assemblies are not restored at " + path);
                return path;
            }
        }

        private static Dictionary<string, Version> Identities(IEnumerable<string> files)
        {
            var map = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in files)
            {
                using var stream = File.OpenRead(file);
                using var pe = new PEReader(stream);
                if (!pe.HasMetadata) continue;
                var md = pe.GetMetadataReader();
                if (!md.IsAssembly) continue;
                var def = md.GetAssemblyDefinition();
                map[md.GetString(def.Name)] = def.Version;
            }
            return map;
        }

        private static List<Reference> References(string directory)
        {
            var list = new List<Reference>();
            foreach (var file in Directory.GetFiles(directory, "*.dll"))
            {
                using var stream = File.OpenRead(file);
                using var pe = new PEReader(stream);
                var md = pe.GetMetadataReader();
                foreach (var handle in md.AssemblyReferences)
                {
                    var r = md.GetAssemblyReference(handle);
                    list.Add(new Reference(Path.GetFileName(file), md.GetString(r.Name), r.Version));
                }
            }
            return list;
        }

        private static Dictionary<string, Version> Framework()
        {
            var root = FrameworkReferenceAssemblies;
            return Identities(Directory.GetFiles(root, "*.dll").Concat(Directory.GetFiles(Path.Combine(root, "Facades"), "*.dll")));
        }

        [Fact]
        public void EveryReferenceInBinNet472IsMet()
        {
            var dir = Path.Combine(ModuleBin, "net472");
            var shipped = Identities(Directory.GetFiles(dir, "*.dll"));
            var framework = Framework();
            var gaps = new List<string>();
            foreach (var r in References(dir))
            {
                if (shipped.TryGetValue(r.Name, out var have))
                {
                    if (have < r.Version) gaps.Add($"{r.From} needs {r.Name} {r.Version}; bin/net472 has {have}");
                    continue;
                }
                if (DesktopBinding.HostAssemblies.Contains(r.Name, StringComparer.OrdinalIgnoreCase)) continue;
                if (framework.TryGetValue(r.Name, out var inbox))
                {
                    if (r.Version <= inbox) continue;
                    if (DesktopBinding.FrameworkFacades.TryGetValue(r.Name, out var named) && named == inbox) continue;
                    gaps.Add($"{r.From} needs {r.Name} {r.Version}; .NET Framework 4.7.2 has {inbox}");
                    continue;
                }
                gaps.Add($"{r.From} needs {r.Name} {r.Version}; neither bin/net472 nor .NET Framework 4.7.2 has it");
            }
            Assert.True(gaps.Count == 0, "Unmet references in bin/net472:" + Environment.NewLine + string.Join(Environment.NewLine, gaps.Distinct()));
        }

        [Fact]
        public void EveryFacadeTheResolverNamesIsNeededAndAtTheInboxVersion()
        {
            var dir = Path.Combine(ModuleBin, "net472");
            var framework = Framework();
            var references = References(dir);
            foreach (var facade in DesktopBinding.FrameworkFacades)
            {
                Assert.True(framework.TryGetValue(facade.Key, out var inbox), facade.Key + " is not a .NET Framework 4.7.2 assembly.");
                Assert.Equal(inbox, facade.Value);
                Assert.Contains(references, r => string.Equals(r.Name, facade.Key, StringComparison.OrdinalIgnoreCase) && r.Version > inbox);
                Assert.False(File.Exists(Path.Combine(dir, facade.Key + ".dll")), facade.Key + " is shipped, so the resolver must not answer it as a facade.");
            }
        }

        [Fact]
        public void NothingTheHostSuppliesIsShipped()
        {
            foreach (var name in DesktopBinding.HostAssemblies)
            {
                Assert.Empty(Directory.GetFiles(ModuleBin, name + ".dll", SearchOption.AllDirectories));
            }
        }

        [Fact]
        public void TheBootstrapNeedsNothingButNetstandardAndTheHost()
        {
            // Both editions load bin/AdeTokens.Bootstrap.dll before any resolver of ours exists, so .NET Framework 4.7.2
            // (and .NET) must bind everything it references unaided.
            var refs = References(ModuleBin).Where(r => r.From == "AdeTokens.Bootstrap.dll").ToList();
            Assert.NotEmpty(refs);
            var framework = Framework();
            foreach (var r in refs)
            {
                if (DesktopBinding.HostAssemblies.Contains(r.Name, StringComparer.OrdinalIgnoreCase)) continue;
                Assert.True(r.Name == "netstandard" && framework.TryGetValue(r.Name, out var inbox) && r.Version <= inbox, $"AdeTokens.Bootstrap.dll needs {r.Name} {r.Version}, which .NET Framework 4.7.2 does not bind by itself.");
            }
            Assert.Equal(new[] { "AdeTokens.Bootstrap.dll" }, Directory.GetFiles(ModuleBin, "*.dll").Select(Path.GetFileName));
        }

        [Fact]
        public void TheCmdletAssemblyIsNotInTheModuleFolderSoPowerShellLoadsItByName()
        {
            // The manifest's nested module 'AdeTokens.dll' must miss in the module folder: found there, PowerShell 7 would
            // load it into the default context by path, past the bootstrap's answer.
            var moduleDir = Path.GetDirectoryName(ModuleBin)!;
            Assert.False(File.Exists(Path.Combine(moduleDir, "AdeTokens.dll")));
            Assert.False(File.Exists(Path.Combine(ModuleBin, "AdeTokens.dll")));
            var manifest = File.ReadAllText(Path.Combine(moduleDir, "AdeTokens.psd1"));
            Assert.Matches(@"NestedModules\s*=\s*@\('bin/AdeTokens\.Cmdlets\.psd1'\)", manifest);
            Assert.DoesNotMatch(@"(?m)^\s*RootModule\s*=", manifest);
            var inner = File.ReadAllText(Path.Combine(ModuleBin, "AdeTokens.Cmdlets.psd1"));
            Assert.Matches(@"NestedModules\s*=\s*@\('AdeTokens\.Bootstrap\.dll',\s*'AdeTokens\.dll'\)", inner);
        }

        [Fact]
        public void TheSharedGraphAssemblyIsShippedOnceAndMeetsPowerShell7sReferences()
        {
            // PowerShell 7 loads Microsoft.Graph from bin/net472 (AdeTokens.Loader.LoadContext.SharedAssemblies).
            var lib = Path.Combine(ModuleBin, "net8.0", "lib");
            Assert.False(File.Exists(Path.Combine(lib, "Microsoft.Graph.dll")));
            var shared = Identities(new[] { Path.Combine(ModuleBin, "net472", "Microsoft.Graph.dll") })["Microsoft.Graph"];
            var wanted = References(lib).Where(r => r.Name == "Microsoft.Graph").ToList();
            Assert.NotEmpty(wanted);
            Assert.All(wanted, r => Assert.True(r.Version <= shared, $"{r.From} needs Microsoft.Graph {r.Version}; the shared copy is {shared}"));
            // And what the shared copy itself references must be in net8.0/lib or the .NET runtime, never only in net472.
            var libNames = Identities(Directory.GetFiles(lib, "*.dll"));
            foreach (var r in References(Path.Combine(ModuleBin, "net472")).Where(r => r.From == "Microsoft.Graph.dll"))
            {
                if (r.Name is "netstandard" or "mscorlib") continue;
                Assert.True(libNames.TryGetValue(r.Name, out var v) && v >= r.Version, $"Microsoft.Graph.dll needs {r.Name} {r.Version}, which bin/net8.0/lib does not have.");
            }
        }
    }
}
#endif
