using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using Xunit;

namespace AdeTokens.Tests.Binding
{
    /// <summary>The Windows PowerShell 5.1 resolver's decisions (src/AdeTokens/DesktopBinding.cs), on .NET and under Mono.</summary>
    public sealed class DesktopBindingTests
    {
        private const string ValueTuple505 = "System.ValueTuple, Version=4.0.5.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51";

        private static readonly string s_ours = Path.Combine(Path.GetTempPath(), "AdeTokens-binding-test", "bin", "net472");
        private static readonly Assembly s_ourAssembly = new FakeAssembly("Microsoft.Graph.Core", Path.Combine(s_ours, "Microsoft.Graph.Core.dll"));
        private static readonly Assembly s_foreign = new FakeAssembly("Az.Accounts.Thing", Path.Combine(Path.GetTempPath(), "Az.Accounts", "Az.Accounts.Thing.dll"));
        private static readonly Assembly s_inboxValueTuple = new FakeAssembly("System.ValueTuple", Path.Combine(Path.GetTempPath(), "GAC_MSIL", "System.ValueTuple.dll"));

        private sealed class Calls
        {
            public readonly List<string> LoadFrom = new List<string>();
            public readonly List<AssemblyName> Load = new List<AssemblyName>();
            public readonly Assembly Answer = new FakeAssembly("Answer", Path.Combine(Path.GetTempPath(), "answer.dll"));

            public Assembly? Resolve(string name, Assembly? requester, params Assembly[] loaded)
                => DesktopBinding.Resolve(name, requester, s_ours, () => loaded, p => { LoadFrom.Add(p); return Answer; }, n => { Load.Add(n); return Answer; });
        }

        [Fact]
        public void AHigherValueTupleFromOurAssemblyGetsTheLoadedInboxFacade()
        {
            var calls = new Calls();
            Assert.Same(s_inboxValueTuple, calls.Resolve(ValueTuple505, s_ourAssembly, s_inboxValueTuple));
            Assert.Empty(calls.Load);
            Assert.Empty(calls.LoadFrom);
        }

        [Fact]
        public void AHigherValueTupleFromOurAssemblyLoadsTheInboxVersionWhenNoneIsLoaded()
        {
            var calls = new Calls();
            Assert.Same(calls.Answer, calls.Resolve(ValueTuple505, s_ourAssembly));
            var asked = Assert.Single(calls.Load);
            Assert.Equal("System.ValueTuple", asked.Name);
            Assert.Equal(new Version(4, 0, 2, 0), asked.Version);
            Assert.Equal("cc7b13ffcd2ddd51", BitConverter.ToString(asked.GetPublicKeyToken()!).Replace("-", string.Empty).ToLowerInvariant());
        }

        [Fact]
        public void AFacadeRequestFromAnotherModuleIsLeftAlone()
        {
            var calls = new Calls();
            Assert.Null(calls.Resolve(ValueTuple505, s_foreign, s_inboxValueTuple));
            Assert.Empty(calls.Load);
        }

        [Fact]
        public void AFacadeRequestWithNoRequesterIsLeftAlone()
        {
            // .NET Framework passes no requester for Assembly.Load(string) calls; nothing says they are ours.
            var calls = new Calls();
            Assert.Null(calls.Resolve(ValueTuple505, null, s_inboxValueTuple));
        }

        [Fact]
        public void AFacadeAtOrBelowTheInboxVersionIsTheFrameworksToBind()
        {
            var calls = new Calls();
            Assert.Null(calls.Resolve("System.ValueTuple, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", s_ourAssembly, s_inboxValueTuple));
        }

        [Fact]
        public void AnUnnamedFrameworkAssemblyIsNotAnswered()
        {
            var calls = new Calls();
            Assert.Null(calls.Resolve("System.Runtime, Version=9.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", s_ourAssembly));
            Assert.Empty(calls.Load);
        }

        [Fact]
        public void OnlyValueTupleIsNamedAsAFacade()
        {
            // Widening this list is a decision: the binding audit (BindingAuditTests) shows which gaps need it.
            Assert.Equal(new[] { "System.ValueTuple" }, DesktopBinding.FrameworkFacades.Keys);
        }

        [Fact]
        public void AShippedFileIsLoadedFromOurFolderForOurAssembly()
        {
            Directory.CreateDirectory(s_ours);
            var file = Path.Combine(s_ours, "Std.UriTemplate.dll");
            File.WriteAllBytes(file, new byte[] { 0 });
            var calls = new Calls();
            Assert.Same(calls.Answer, calls.Resolve("Std.UriTemplate, Version=9.0.0.0, Culture=neutral, PublicKeyToken=null", s_ourAssembly));
            Assert.Equal(file, Assert.Single(calls.LoadFrom));

            var already = new FakeAssembly("Std.UriTemplate", file);
            Assert.Same(already, calls.Resolve("Std.UriTemplate, Version=9.0.0.0, Culture=neutral, PublicKeyToken=null", s_ourAssembly, already));
            Assert.Null(calls.Resolve("Std.UriTemplate, Version=9.0.0.0, Culture=neutral, PublicKeyToken=null", s_foreign));
        }

        /// <summary>An assembly with just a name and a location, as the resolver sees one.</summary>
        private sealed class FakeAssembly : Assembly
        {
            private readonly string _name;
            private readonly string _location;

            public FakeAssembly(string name, string location)
            {
                _name = name;
                _location = location;
            }

            public override string Location => _location;

            public override bool IsDynamic => false;

            public override AssemblyName GetName() => new AssemblyName(_name);

            public override AssemblyName GetName(bool copiedName) => GetName();

            public override string FullName => _name;
        }
    }
}
