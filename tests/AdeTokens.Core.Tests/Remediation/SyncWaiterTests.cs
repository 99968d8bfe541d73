using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using Xunit;
using static AdeTokens.Tests.Remediation.RemediationTestData;
using AdeTokens.Sync;

namespace AdeTokens.Tests.Remediation
{
    public class SyncCompletionTests
    {
        [Fact]
        public void NothingChangedIsStillRunning()
            => Assert.Null(SyncCompletion.Evaluate(Token(), Token()));

        [Fact]
        public void ANewerSuccessfulSyncIsSuccess()
            => Assert.Equal(SyncWaitState.Succeeded, SyncCompletion.Evaluate(Token(), Token(lastSuccess: T0)));

        [Fact]
        public void AFirstSuccessAfterNeverIsSuccess()
        {
            var never = Token();
            never.LastSuccessfulSyncDateTime = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero);
            Assert.Equal(SyncWaitState.Succeeded, SyncCompletion.Evaluate(never, Token(lastSuccess: T0)));
        }

        [Fact]
        public void ANewErrorCodeIsFailure()
            => Assert.Equal(SyncWaitState.Failed, SyncCompletion.Evaluate(Token(), Token(errorCode: 3)));

        [Fact]
        public void ADifferentErrorCodeIsFailure()
            => Assert.Equal(SyncWaitState.Failed, SyncCompletion.Evaluate(Token(errorCode: 3), Token(errorCode: 1)));

        [Fact]
        public void AClearedErrorCodeIsSuccess()
            => Assert.Equal(SyncWaitState.Succeeded, SyncCompletion.Evaluate(Token(errorCode: 3), Token(errorCode: 0)));

        [Fact]
        public void TheSameErrorCodeCannotBeToldFromNoSync()
            => Assert.Null(SyncCompletion.Evaluate(Token(errorCode: 3), Token(errorCode: 3)));

        [Fact]
        public void AnOlderSuccessTimeIsNotSuccess()
            => Assert.Null(SyncCompletion.Evaluate(Token(lastSuccess: T0), Token(lastSuccess: T0.AddHours(-1))));
    }

    public class SyncWaiterTests
    {
        private sealed class FakeTenant
        {
            private readonly Dictionary<string, Queue<Func<DepOnboardingSetting?>>> _answers = new Dictionary<string, Queue<Func<DepOnboardingSetting?>>>();
            private readonly Dictionary<string, Func<DepOnboardingSetting?>> _last = new Dictionary<string, Func<DepOnboardingSetting?>>();
            public int Reads { get; private set; }

            public void Answer(string id, params Func<DepOnboardingSetting?>[] answers)
                => _answers[id] = new Queue<Func<DepOnboardingSetting?>>(answers);

            public Task<DepOnboardingSetting?> ReadAsync(string id, CancellationToken ct)
            {
                ct.ThrowIfCancellationRequested();
                Reads++;
                var q = _answers[id];
                var next = q.Count > 0 ? q.Dequeue() : _last[id];
                _last[id] = next;
                return Task.FromResult(next());
            }
        }

        private static AdeGraphException Throttled() => new AdeGraphException("throttled", GraphFailureKind.Throttled);

        [Fact]
        public async Task ReportsSuccessOnTheFirstReadThatShowsIt()
        {
            var clock = new FakePollClock(T0);
            var tenant = new FakeTenant();
            var before = Token();
            tenant.Answer("tok-1", () => Token(), () => Token(), () => Token(lastSuccess: T0.AddSeconds(25)));
            var waiter = new SyncWaiter(tenant.ReadAsync, clock) { PollInterval = TimeSpan.FromSeconds(10) };
            var outcomes = new List<SyncWaitOutcome>();
            var progress = new List<SyncWaitProgress>();

            await waiter.WaitAsync(new[] { new PendingSync(before, T0) }, progress.Add, outcomes.Add, CancellationToken.None);

            var o = Assert.Single(outcomes);
            Assert.Equal(SyncWaitState.Succeeded, o.State);
            Assert.Equal(TimeSpan.FromSeconds(30), o.Elapsed);
            Assert.Equal(3, tenant.Reads);
            Assert.Equal(T0.AddSeconds(25), o.After!.LastSuccessfulSyncDateTime);
            Assert.Equal(new[] { 0, 1, 2 }, progress.Select(p => p.Polls));
            Assert.All(progress, p => Assert.Equal(TimeSpan.FromMinutes(15), p.Timeout));
            Assert.Equal(2, progress.Last().PercentComplete);
        }

        [Fact]
        public async Task ANewErrorIsAFailureWithTheCode()
        {
            var clock = new FakePollClock(T0);
            var tenant = new FakeTenant();
            tenant.Answer("tok-1", () => Token(errorCode: 3));
            var waiter = new SyncWaiter(tenant.ReadAsync, clock);
            SyncWaitOutcome? outcome = null;
            await waiter.WaitAsync(new[] { new PendingSync(Token(), T0) }, null, o => outcome = o, CancellationToken.None);
            Assert.Equal(SyncWaitState.Failed, outcome!.State);
            Assert.Equal(3, outcome.NewErrorCode);
            Assert.False(outcome.ErrorCodeUnchanged);
        }

        [Fact]
        public async Task TimesOutExactlyAtTheTimeoutAndSaysWhy()
        {
            var clock = new FakePollClock(T0);
            var tenant = new FakeTenant();
            tenant.Answer("tok-1", () => Token(errorCode: 3));
            var waiter = new SyncWaiter(tenant.ReadAsync, clock) { Timeout = TimeSpan.FromSeconds(25), PollInterval = TimeSpan.FromSeconds(10) };
            SyncWaitOutcome? outcome = null;

            await waiter.WaitAsync(new[] { new PendingSync(Token(errorCode: 3), T0) }, null, o => outcome = o, CancellationToken.None);

            Assert.Equal(SyncWaitState.TimedOut, outcome!.State);
            Assert.Equal(new[] { 10.0, 10.0, 5.0 }, clock.Delays.Select(d => d.TotalSeconds));
            Assert.Equal(TimeSpan.FromSeconds(25), outcome.Elapsed);
            Assert.True(outcome.ErrorCodeUnchanged);
            var text = outcome.Describe(waiter.Timeout);
            Assert.Contains("no result within 25 s", text);
            Assert.Contains("still reports error code 3", text);
        }

        [Fact]
        public async Task WaitsForSeveralTokensTogether()
        {
            var clock = new FakePollClock(T0);
            var tenant = new FakeTenant();
            tenant.Answer("a", () => Token("a"), () => Token("a", lastSuccess: T0));
            tenant.Answer("b", () => Token("b", errorCode: 2));
            tenant.Answer("c", () => Token("c"));
            var waiter = new SyncWaiter(tenant.ReadAsync, clock) { Timeout = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromSeconds(10) };
            var outcomes = new List<SyncWaitOutcome>();

            await waiter.WaitAsync(new[] { new PendingSync(Token("a"), T0), new PendingSync(Token("b"), T0), new PendingSync(Token("c"), T0) }, null, outcomes.Add, CancellationToken.None);

            Assert.Equal(new[] { "b", "a", "c" }, outcomes.Select(o => o.Sync.TokenId));
            Assert.Equal(new[] { SyncWaitState.Failed, SyncWaitState.Succeeded, SyncWaitState.TimedOut }, outcomes.Select(o => o.State));
            Assert.Equal(new[] { 1, 0, 2 }, outcomes.Select(o => o.Index));
            // One sync's time for all three, not three.
            Assert.Equal(TimeSpan.FromSeconds(30), clock.UtcNow - T0);
        }

        [Fact]
        public async Task ADeletedTokenEndsItsWait()
        {
            var tenant = new FakeTenant();
            tenant.Answer("tok-1", () => null);
            SyncWaitOutcome? outcome = null;
            await new SyncWaiter(tenant.ReadAsync, new FakePollClock(T0)).WaitAsync(new[] { new PendingSync(Token(), T0) }, null, o => outcome = o, CancellationToken.None);
            Assert.Equal(SyncWaitState.TokenGone, outcome!.State);
        }

        [Fact]
        public async Task ToleratesTwoReadFailuresButNotThree()
        {
            var tenant = new FakeTenant();
            tenant.Answer("ok", () => throw Throttled(), () => throw Throttled(), () => Token("ok", lastSuccess: T0));
            tenant.Answer("bad", () => throw Throttled());
            var outcomes = new List<SyncWaitOutcome>();
            await new SyncWaiter(tenant.ReadAsync, new FakePollClock(T0)).WaitAsync(new[] { new PendingSync(Token("ok"), T0), new PendingSync(Token("bad"), T0) }, null, outcomes.Add, CancellationToken.None);
            Assert.Equal(SyncWaitState.Succeeded, outcomes.Single(o => o.Sync.TokenId == "ok").State);
            var bad = outcomes.Single(o => o.Sync.TokenId == "bad");
            Assert.Equal(SyncWaitState.ReadFailed, bad.State);
            Assert.IsType<AdeGraphException>(bad.Error);
        }

        [Fact]
        public async Task CtrlCStopsTheWait()
        {
            using var cts = new CancellationTokenSource();
            var clock = new FakePollClock(T0) { OnDelay = _ => cts.Cancel() };
            var tenant = new FakeTenant();
            tenant.Answer("tok-1", () => Token());
            var waiter = new SyncWaiter(tenant.ReadAsync, clock);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.WaitAsync(new[] { new PendingSync(Token(), T0) }, null, _ => { }, cts.Token));
        }

        [Fact]
        public async Task TheDefaultsAreFifteenMinutesAndTenSeconds()
        {
            var tenant = new FakeTenant();
            tenant.Answer("tok-1", () => Token());
            var clock = new FakePollClock(T0);
            var waiter = new SyncWaiter(tenant.ReadAsync, clock);
            Assert.Equal(TimeSpan.FromMinutes(15), waiter.Timeout);
            SyncWaitOutcome? outcome = null;
            await waiter.WaitAsync(new[] { new PendingSync(Token(), T0) }, null, o => outcome = o, CancellationToken.None);
            Assert.Equal(SyncWaitState.TimedOut, outcome!.State);
            Assert.Equal(90, tenant.Reads);
        }
    }
}
