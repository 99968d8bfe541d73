using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using Xunit;

namespace AdeTokens.Tests.Graph
{
    public class RequestBudgetTests
    {
        private static RequestBudget NewBudget(int limit, int writes, int windowMs)
            => new RequestBudget("t|a|h", limit, writes, TimeSpan.FromMilliseconds(windowMs));

        [Fact]
        public async Task LetsTheLimitThroughAtOnceThenHoldsTheNextUntilTheOldestLeavesTheWindow()
        {
            var budget = NewBudget(10, 10, 600);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 10; i++) Assert.True((await budget.AcquireAsync(1, false, default)) < TimeSpan.FromMilliseconds(200));
            var burst = sw.Elapsed;
            await budget.AcquireAsync(1, false, default);
            // The eleventh waits for the first to age out: a bucket refilled at 10/600 ms would have let it through at ~60 ms.
            Assert.True(sw.Elapsed - burst >= TimeSpan.FromMilliseconds(450), $"waited only {(sw.Elapsed - burst).TotalMilliseconds} ms");
        }

        [Fact]
        public async Task NeverHasMoreThanTheLimitInAnySlidingWindow()
        {
            var budget = NewBudget(20, 20, 400);
            var sent = new List<TimeSpan>();
            var sw = Stopwatch.StartNew();
            var gate = new object();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                for (var i = 0; i < 10; i++)
                {
                    await budget.AcquireAsync(1, false, default);
                    lock (gate) sent.Add(sw.Elapsed);
                }
            }));
            sent.Sort();
            Assert.Equal(80, sent.Count);
            for (var i = 20; i < sent.Count; i++)
            {
                // Any 21 consecutive sends span at least one window.
                Assert.True(sent[i] - sent[i - 20] >= TimeSpan.FromMilliseconds(400), $"21 sends within {(sent[i] - sent[i - 20]).TotalMilliseconds} ms");
            }
        }

        [Fact]
        public async Task CountsEveryRequestOfABatchAndKeepsWritesToTheirOwnLimit()
        {
            var budget = NewBudget(25, 2, 500);
            await budget.AcquireAsync(21, false, default);
            Assert.Equal(21, budget.InWindow);
            await budget.AcquireAsync(1, true, default);
            await budget.AcquireAsync(1, true, default);
            var sw = Stopwatch.StartNew();
            await budget.AcquireAsync(1, true, default);
            Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(350), "a third write in the window must wait");
            Assert.Equal(24, budget.TotalSent);
        }

        [Fact]
        public async Task HonoursRetryAfterForEveryoneAndSlowsDownAfterA429()
        {
            var budget = NewBudget(100, 100, 1000);
            budget.ReportThrottled(TimeSpan.FromMilliseconds(400));
            Assert.True(budget.CurrentFactor < 1.0);
            var sw = Stopwatch.StartNew();
            await budget.AcquireAsync(1, false, default);
            Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(350));
            Assert.Equal(1, budget.ThrottledCount);
        }

        [Fact]
        public async Task AWaitEndsAtOnceWhenCancelled()
        {
            var budget = NewBudget(1, 1, 60_000);
            await budget.AcquireAsync(1, false, default);
            using var cts = new CancellationTokenSource(100);
            var sw = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => budget.AcquireAsync(1, false, cts.Token));
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
        }

        [Fact]
        public void IsSharedPerTenantAndAppAndSeparateOtherwise()
        {
            var a = RequestBudget.For("tenant-1", "app-1", "graph.microsoft.com");
            Assert.Same(a, RequestBudget.For("TENANT-1", "app-1", "graph.microsoft.com"));
            Assert.NotSame(a, RequestBudget.For("tenant-2", "app-1", "graph.microsoft.com"));
            Assert.NotSame(a, RequestBudget.For("tenant-1", "app-2", "graph.microsoft.com"));
            Assert.Equal(RequestBudget.IntuneLimit, a.Limit);
            Assert.Equal(RequestBudget.IntuneWriteLimit, a.WriteLimit);
            Assert.Equal(TimeSpan.FromSeconds(20), a.Window);
        }
    }

    public class GraphResilienceOptionsTests
    {
        [Fact]
        public void DefaultsAreWhatUsersGet()
        {
            var o = new GraphResilienceOptions();
            Assert.Equal(10, o.MaxRetry);
            Assert.Equal(TimeSpan.FromSeconds(100), o.AttemptTimeout);
            Assert.Equal(1000, o.BudgetLimit);
            Assert.Equal(TimeSpan.FromSeconds(20), o.BudgetWindow);
        }

        [Fact]
        public void TestOverridesApplyAndATypoIsAnError()
        {
            var o = new GraphResilienceOptions().ApplyTestOverrides("attemptTimeoutMs=250; budgetLimit=40;budgetWindowMs=2000");
            Assert.Equal(TimeSpan.FromMilliseconds(250), o.AttemptTimeout);
            Assert.Equal(40, o.BudgetLimit);
            Assert.Equal(TimeSpan.FromSeconds(2), o.BudgetWindow);
            Assert.Throws<FormatException>(() => new GraphResilienceOptions().ApplyTestOverrides("attemptTimeout=250"));
        }

        [Fact]
        public void TransportBackoffIsJitteredAndCapped()
        {
            var h = new ResilienceHandler(RequestBudget.For("x", "y", "z"), new GraphResilienceOptions { TransportBackoff = TimeSpan.FromSeconds(1), MaxTransportBackoff = TimeSpan.FromSeconds(4) }, null);
            var first = Enumerable.Range(0, 200).Select(_ => h.Backoff(1)).ToList();
            Assert.All(first, d => Assert.InRange(d.TotalMilliseconds, 0, 1000));
            Assert.True(first.Distinct().Count() > 10, "backoff must be jittered");
            Assert.All(Enumerable.Range(0, 200).Select(_ => h.Backoff(10)), d => Assert.InRange(d.TotalMilliseconds, 0, 4000));
        }
    }
}
