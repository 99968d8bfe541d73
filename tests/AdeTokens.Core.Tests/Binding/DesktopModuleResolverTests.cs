using System;
using System.IO;
using AdeTokens.Bootstrap;
using Xunit;

namespace AdeTokens.Tests.Binding
{
    /// <summary>
    /// Windows PowerShell 5.1's answer to its load of AdeTokens by name (src/AdeTokens.Bootstrap/DesktopModuleResolver.cs),
    /// on .NET and under Mono.
    /// </summary>
    public sealed class DesktopModuleResolverTests : IDisposable
    {
        private readonly string _bin = Path.Combine(Path.GetTempPath(), "AdeTokens-bootstrap-test-" + Guid.NewGuid().ToString("n"), "bin");

        public DesktopModuleResolverTests()
        {
            Directory.CreateDirectory(Path.Combine(_bin, "net472"));
            File.WriteAllText(Path.Combine(_bin, "net472", "AdeTokens.dll"), string.Empty);
            File.WriteAllText(Path.Combine(_bin, "net472", "AdeTokens.Core.dll"), string.Empty);
        }

        public void Dispose() => Directory.Delete(Path.GetDirectoryName(_bin)!, recursive: true);

        [Theory]
        [InlineData("AdeTokens")]
        [InlineData("adetokens")]
        [InlineData("AdeTokens, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null")]
        [InlineData("AdeTokens, Version=9.9.9.9")]
        public void TheCmdletAssemblyIsAnsweredWithTheNet472Build(string requested)
        {
            Assert.Equal(Path.Combine(_bin, "net472", "AdeTokens.dll"), DesktopModuleResolver.PathFor(requested, _bin));
        }

        [Theory]
        [InlineData("AdeTokens.Core")]
        [InlineData("AdeTokens.resources, Version=0.1.0.0, Culture=de-DE, PublicKeyToken=null")]
        [InlineData("AdeTokens, Version=0.1.0.0, Culture=de-DE, PublicKeyToken=null")]
        [InlineData("Microsoft.Graph")]
        [InlineData("System.ValueTuple, Version=4.0.5.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
        [InlineData("")]
        public void NothingElseIsAnswered(string requested)
        {
            // The cmdlet assembly's dependencies are DesktopBinding's business, and only for requests from our own assemblies.
            Assert.Null(DesktopModuleResolver.PathFor(requested, _bin));
        }

        [Fact]
        public void AMissingFileIsLeftToOthers()
        {
            File.Delete(Path.Combine(_bin, "net472", "AdeTokens.dll"));
            Assert.Null(DesktopModuleResolver.PathFor("AdeTokens", _bin));
        }
    }
}
