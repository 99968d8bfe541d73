using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Tests.Renewal;
using Xunit;
using static AdeTokens.Tests.Remediation.RemediationTestData;
using AdeTokens.Renewal;

namespace AdeTokens.Tests.Remediation
{
    public class KeyFileTests
    {
        private const string Pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

        [Fact]
        public void WritesAsciiWithoutBom()
        {
            using var dir = new RenewalTempFolder();
            var path = dir.File("key.pem");
            KeyFile.Write(path, Pem, overwrite: false);
            Assert.Equal(Pem, File.ReadAllText(path));
            Assert.Equal((byte)'-', File.ReadAllBytes(path)[0]);
        }

        [Fact]
        public void RefusesToOverwriteWithoutForce()
        {
            using var dir = new RenewalTempFolder();
            var path = dir.File("key.pem");
            File.WriteAllText(path, "keep me");
            var e = Assert.Throws<RemediationException>(() => KeyFile.Write(path, Pem, overwrite: false));
            Assert.Equal(RemediationErrorIds.OutFileExists, e.ErrorId);
            Assert.Equal(RemediationErrorKind.AlreadyExists, e.Kind);
            Assert.Equal(path, e.Target);
            Assert.Equal("keep me", File.ReadAllText(path));
            KeyFile.Write(path, Pem, overwrite: true);
            Assert.Equal(Pem, File.ReadAllText(path));
        }

        [Fact]
        public void AMissingFolderIsAWriteFailure()
        {
            using var dir = new RenewalTempFolder();
            var e = Assert.Throws<RemediationException>(() => KeyFile.Write(Path.Combine(dir.Path, "no", "such", "key.pem"), Pem, overwrite: false));
            Assert.Equal(RemediationErrorIds.OutFileWriteFailed, e.ErrorId);
        }

        [Fact]
        public void SameContentIgnoresLineEndings()
        {
            using var dir = new RenewalTempFolder();
            var path = dir.File("key.pem");
            Assert.False(KeyFile.HasSameContent(path, Pem));
            File.WriteAllText(path, Pem.Replace("\n", "\r\n"));
            Assert.True(KeyFile.HasSameContent(path, Pem));
            Assert.False(KeyFile.HasSameContent(path, Pem.Replace("MIIB", "MIIC")));
        }
    }

    public class FileArrivalWaiterTests
    {
        [Fact]
        public async Task ReturnsOnceTheFileAppearsAndItsSizeSettles()
        {
            using var dir = new RenewalTempFolder();
            var path = dir.File("token.p7m");
            var clock = new FakePollClock(T0);
            var looks = 0;
            clock.OnDelay = now =>
            {
                looks++;
                if (looks == 3) File.WriteAllText(path, "part");
                if (looks == 4) File.AppendAllText(path, "-rest");
            };
            var waiter = new FileArrivalWaiter(clock) { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(1) };
            Assert.True(await waiter.WaitAsync(path, null, null, CancellationToken.None));
            // Two empty polls, then two settle looks while it grew, then one that saw the same size.
            Assert.Equal(new[] { 5.0, 5.0, 5.0, 0.5, 0.5 }, clock.Delays.ConvertAll(d => d.TotalSeconds));
        }

        [Fact]
        public async Task AnEmptyFileDoesNotCount()
        {
            using var dir = new RenewalTempFolder();
            var path = dir.File("token.p7m");
            File.WriteAllText(path, string.Empty);
            var waiter = new FileArrivalWaiter(new FakePollClock(T0)) { Timeout = TimeSpan.FromSeconds(20) };
            Assert.False(await waiter.WaitAsync(path, null, null, CancellationToken.None));
        }

        [Fact]
        public async Task AnOldFileCountsOnlyOnceRewritten()
        {
            using var dir = new RenewalTempFolder();
            var path = dir.File("token.p7m");
            File.WriteAllText(path, "last year's token");
            var old = File.GetLastWriteTimeUtc(path);
            var clock = new FakePollClock(T0);
            clock.OnDelay = now =>
            {
                if (now - T0 == TimeSpan.FromSeconds(15))
                {
                    File.WriteAllText(path, "this year's token");
                    File.SetLastWriteTimeUtc(path, old.AddMinutes(1));
                }
            };
            var waiter = new FileArrivalWaiter(clock) { Timeout = TimeSpan.FromMinutes(1) };
            var progress = 0;
            Assert.True(await waiter.WaitAsync(path, old, _ => progress++, CancellationToken.None));
            Assert.True(clock.UtcNow - T0 >= TimeSpan.FromSeconds(15));
            Assert.True(progress >= 3);
        }

        [Fact]
        public async Task TimesOutWithoutAFile()
        {
            using var dir = new RenewalTempFolder();
            var clock = new FakePollClock(T0);
            var waiter = new FileArrivalWaiter(clock) { Timeout = TimeSpan.FromSeconds(12), PollInterval = TimeSpan.FromSeconds(5) };
            Assert.False(await waiter.WaitAsync(dir.File("never.p7m"), null, null, CancellationToken.None));
            Assert.Equal(TimeSpan.FromSeconds(12), clock.UtcNow - T0);
        }

        [Fact]
        public async Task CtrlCStopsTheWait()
        {
            using var dir = new RenewalTempFolder();
            using var cts = new CancellationTokenSource();
            var clock = new FakePollClock(T0) { OnDelay = _ => cts.Cancel() };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FileArrivalWaiter(clock).WaitAsync(dir.File("x.p7m"), null, null, cts.Token));
        }
    }
}
