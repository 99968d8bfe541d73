using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Io;
using Xunit;
using static AdeTokens.Tests.Remediation.RemediationTestData;
using AdeTokens.Renewal;
using AdeTokens.Sync;

namespace AdeTokens.Tests.Remediation
{
    public class SyncWaiterListPollingTests
    {
        [Fact]
        public async Task ManyTokensArePolledWithOneListCallPerPollAndNoReads()
        {
            var clock = new FakePollClock(T0);
            var lists = 0;
            var reads = 0;
            var ids = Enumerable.Range(1, 20).Select(i => $"tok-{i}").ToList();
            Task<IReadOnlyList<DepOnboardingSetting>> List(CancellationToken ct)
            {
                lists++;
                // Token n finishes on poll n; the rest still look unchanged.
                IReadOnlyList<DepOnboardingSetting> all = ids.Select((id, i) => i < lists ? Token(id, lastSuccess: clock.UtcNow) : Token(id)).ToList();
                return Task.FromResult(all);
            }
            Task<DepOnboardingSetting?> Read(string id, CancellationToken ct)
            {
                reads++;
                return Task.FromResult<DepOnboardingSetting?>(Token(id, lastSuccess: clock.UtcNow));
            }
            var waiter = new SyncWaiter(Read, clock, List) { PollInterval = TimeSpan.FromSeconds(10) };
            var outcomes = new List<SyncWaitOutcome>();

            await waiter.WaitAsync(ids.Select(id => new PendingSync(Token(id), T0)).ToList(), null, outcomes.Add, CancellationToken.None);

            Assert.Equal(20, outcomes.Count);
            Assert.All(outcomes, o => Assert.Equal(SyncWaitState.Succeeded, o.State));
            // 19 polls saw two or more open syncs (one list each); the last one had a single sync left (one read).
            Assert.Equal(19, lists);
            Assert.Equal(1, reads);
        }

        [Fact]
        public async Task ATokenMissingFromTheListIsGoneAndAListFailureCountsForEveryOpenSync()
        {
            var clock = new FakePollClock(T0);
            var calls = 0;
            Task<IReadOnlyList<DepOnboardingSetting>> List(CancellationToken ct)
            {
                calls++;
                if (calls <= 3) throw new AdeGraphException("throttled", GraphFailureKind.Throttled);
                IReadOnlyList<DepOnboardingSetting> all = new[] { Token("a") };
                return Task.FromResult(all);
            }
            var waiter = new SyncWaiter((id, ct) => Task.FromResult<DepOnboardingSetting?>(Token(id)), clock, List) { PollInterval = TimeSpan.FromSeconds(10) };
            var outcomes = new List<SyncWaitOutcome>();
            await waiter.WaitAsync(new[] { new PendingSync(Token("a"), T0), new PendingSync(Token("b"), T0) }, null, outcomes.Add, CancellationToken.None);
            // Three failed lists in a row give up on both, as three failed reads would.
            Assert.Equal(2, outcomes.Count);
            Assert.All(outcomes, o => Assert.Equal(SyncWaitState.ReadFailed, o.State));
            Assert.Equal(3, calls);
        }
    }

    public class SyncUsefulnessTests
    {
        private static TokenStatus Status(DepOnboardingSetting s) => TokenStatusBuilder.Build(s, T0);

        [Fact]
        public void AnExpiredTokenIsBlockedAndTheFixIsRenewal()
        {
            var b = SyncUsefulness.Check(Status(Token(expiry: T0.AddDays(-3), lastSuccess: T0.AddDays(-4))), T0);
            Assert.NotNull(b);
            Assert.Equal("TokenExpired", b!.FindingCode);
            Assert.Contains("3 days ago", b.Problem);
            Assert.Contains("Start-AdeTokenRenewal -Id tok-1", b.Fix);
            Assert.Contains("-WaitAll", b.Warning("ADE token 'Contoso' (tok-1)", waiting: true));
        }

        [Fact]
        public void TermsNotAcceptedIsBlockedAndTheFixIsInThePortal()
        {
            var s = Token(errorCode: 3, expiry: T0.AddDays(100), lastSuccess: T0.AddDays(-2));
            s.TokenType = "appleSchoolManager";
            var b = SyncUsefulness.Check(Status(s), T0);
            Assert.NotNull(b);
            Assert.Equal("SyncFailed", b!.FindingCode);
            Assert.Contains("Terms", b.Problem, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("not confirmed", b.Problem);
            Assert.Contains("Apple School Manager", b.Fix);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(99)]
        public void AStaleOrUnmappedFailureIsNotBlocked(int code)
            => Assert.Null(SyncUsefulness.Check(Status(Token(errorCode: code, expiry: T0.AddDays(100), lastSuccess: T0.AddDays(-3))), T0));

        [Theory]
        [InlineData("appleSchoolManager", "Apple School Manager")]
        [InlineData("dep", "Apple Business Manager")]
        [InlineData(null, "Apple Business Manager")]
        public void ThePortalFollowsTheTokenType(string? type, string portal)
            => Assert.Equal(portal, SyncUsefulness.PortalName(type));
    }

    public class FolderPathTests
    {
        [Fact]
        public void AFolderIsAFolderNotAFileAndAFileOrNothingIsFine()
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "adetokens-folder-" + Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                var e = FolderPath.Check(dir, "-OutFile path", "public_key.pem");
                Assert.NotNull(e);
                Assert.Equal("PathIsFolder", e!.ErrorId);
                Assert.Equal($"The -OutFile path '{dir}' is a folder, not a file.", e.Message);
                Assert.Contains(Path.Combine(dir, "public_key.pem"), e.RecommendedAction);
                var file = Path.Combine(dir, "x.pem");
                Assert.Null(FolderPath.Check(file, "-OutFile path"));
                File.WriteAllText(file, "x");
                Assert.Null(FolderPath.Check(file, "-OutFile path"));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }

    public class NewestFileWaiterTests
    {
        [Fact]
        public async Task TakesTheNewestMatchingFileThatAppearsAfterTheWaitBegins()
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "adetokens-wait-" + Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                bool Match(string n) => n.EndsWith("_smime.p7m", StringComparison.OrdinalIgnoreCase);
                var old = Path.Combine(dir, "Contoso_Token_2025-01-01T00-00-00Z_smime.p7m");
                File.WriteAllText(old, "old");
                File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-300));
                var before = FileArrivalWaiter.Snapshot(dir, Match);
                Assert.Single(before);

                var clock = new FakePollClock(T0);
                var step = 0;
                string? newest = null;
                clock.OnDelay = _ =>
                {
                    step++;
                    if (step == 2)
                    {
                        File.WriteAllText(Path.Combine(dir, "Contoso_Token_2026-12-01T10-00-00Z_smime.p7m.crdownload"), "partial");
                        var first = Path.Combine(dir, "Contoso_Token_2026-12-01T10-00-00Z_smime.p7m");
                        File.WriteAllText(first, "first");
                        File.SetLastWriteTimeUtc(first, DateTime.UtcNow.AddMinutes(-1));
                        newest = Path.Combine(dir, "Contoso_Token_2026-12-01T10-05-00Z_smime.p7m");
                        File.WriteAllText(newest, "newest");
                    }
                };
                var waiter = new FileArrivalWaiter(clock) { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(5) };

                var arrived = await waiter.WaitForNewestAsync(dir, Match, before, null, CancellationToken.None);

                Assert.Equal(newest, arrived);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public async Task OnlyOldFilesMeansATimeout()
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "adetokens-wait-" + Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                File.WriteAllText(Path.Combine(dir, "a_smime.p7m"), "old");
                bool Match(string n) => n.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase);
                var before = FileArrivalWaiter.Snapshot(dir, Match);
                var waiter = new FileArrivalWaiter(new FakePollClock(T0)) { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(20) };
                Assert.Null(await waiter.WaitForNewestAsync(dir, Match, before, null, CancellationToken.None));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
