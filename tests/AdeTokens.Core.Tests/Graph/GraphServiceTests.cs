using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Tests.Infrastructure;
using Xunit;

namespace AdeTokens.Tests.Graph
{
    public sealed class PagingSimulatorFixture : IDisposable
    {
        public Simulator Sim { get; } = Simulator.Start("paging.json");
        public void Dispose() => Sim.Dispose();
    }

    /// <summary>End to end through the real Microsoft.Graph request adapter, retry handler and page iterator.</summary>
    [Collection("Simulator")]
    public class GraphServiceTests : IClassFixture<PagingSimulatorFixture>
    {
        private const string Read = "DeviceManagementServiceConfig.Read.All";
        private readonly Simulator _sim;

        public GraphServiceTests(PagingSimulatorFixture fixture)
        {
            _sim = fixture.Sim;
        }

        private async Task<List<DepOnboardingSetting>> ListAllAsync(AdeGraphConnection c, CancellationToken ct = default)
        {
            var list = new List<DepOnboardingSetting>();
            await new AdeGraphService(c).ListTokensAsync(s => { list.Add(s); return true; }, ct);
            return list;
        }

        [Fact]
        public async Task ListsEveryTokenAcrossPages()
        {
            await _sim.ClearFaultsAsync();
            using var c = await _sim.ConnectAsync(Read);
            await _sim.ClearRequestsAsync();
            var tokens = await ListAllAsync(c);
            Assert.Equal(7, tokens.Count);
            Assert.Equal(7, tokens.Select(t => t.Id).Distinct().Count());
            var gets = (await _sim.RequestsAsync()).Where(r => r.GetProperty("path").GetString()!.EndsWith("/depOnboardingSettings", StringComparison.Ordinal)).ToArray();
            Assert.Equal(4, gets.Length); // pageSize 2: 2+2+2+1
        }

        [Fact]
        public async Task ThrottledRequestIsRetriedAfterRetryAfter()
        {
            using var c = await _sim.ConnectAsync(Read);
            await _sim.SetFaultsAsync(new { throttle = new { first = 1, retryAfterSeconds = 1 } });
            try
            {
                await _sim.ClearRequestsAsync();
                var sw = Stopwatch.StartNew();
                var tokens = await ListAllAsync(c);
                Assert.Equal(7, tokens.Count);
                Assert.True(sw.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {sw.Elapsed}, before Retry-After");
                var statuses = (await _sim.RequestsAsync()).Select(r => r.GetProperty("status").GetInt32()).ToArray();
                Assert.Equal(429, statuses[0]);
                Assert.Equal(200, statuses[1]);
            }
            finally
            {
                await _sim.ClearFaultsAsync();
            }
        }

        [Fact]
        public async Task ForbiddenNamesThePermissionAndRequestId()
        {
            using var c = await _sim.ConnectAsync("User.Read.All");
            var e = await Assert.ThrowsAsync<AdeGraphException>(() => ListAllAsync(c));
            Assert.Equal(GraphFailureKind.PermissionDenied, e.Kind);
            Assert.Equal(403, e.StatusCode);
            Assert.Contains("DeviceManagementServiceConfig.Read.All", e.Message);
            Assert.False(string.IsNullOrEmpty(e.RequestId));
            Assert.Contains(e.RequestId!, e.Message);
        }

        // A real Retry-After, honoured before every retry: the simulator's log shows each attempt at least that long
        // after the one before (a lower bound the client controls, so a slow machine cannot fail it), and exactly
        // MaxRetry retries before the error.
        [Fact]
        public async Task ThrottlingThatNeverEndsBecomesAThrottledError()
        {
            using var c = await _sim.ConnectAsync(Read);
            await _sim.SetFaultsAsync(new { throttle = new { every = 1, retryAfterSeconds = 1 } });
            try
            {
                await _sim.ClearRequestsAsync();
                var e = await Assert.ThrowsAsync<AdeGraphException>(() => ListAllAsync(c));
                Assert.Equal(GraphFailureKind.Throttled, e.Kind);
                Assert.Equal(429, e.StatusCode);
                var log = (await _sim.RequestsAsync()).Where(r => r.GetProperty("path").GetString()!.EndsWith("/depOnboardingSettings", StringComparison.Ordinal)).ToArray();
                Assert.Equal(1 + c.Options.MaxRetry, log.Length);
                Assert.All(log, r => Assert.Equal(429, r.GetProperty("status").GetInt32()));
                var times = log.Select(r => DateTimeOffset.Parse(r.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                for (var i = 1; i < times.Length; i++)
                    Assert.True(times[i] - times[i - 1] >= TimeSpan.FromSeconds(0.95), $"attempt {i + 1} came {(times[i] - times[i - 1]).TotalMilliseconds:0} ms after attempt {i}, before Retry-After: 1");
            }
            finally
            {
                await _sim.ClearFaultsAsync();
            }
        }

        [Fact]
        public async Task CancellationStopsARetryWaitPromptly()
        {
            using var c = await _sim.ConnectAsync(Read);
            await _sim.SetFaultsAsync(new { throttle = new { every = 1, retryAfterSeconds = 60 } });
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
                var sw = Stopwatch.StartNew();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ListAllAsync(c, cts.Token));
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3), $"took {sw.Elapsed}");
            }
            finally
            {
                await _sim.ClearFaultsAsync();
            }
        }

        [Fact]
        public async Task MissingTokenIsNullAndPresentTokenIsRead()
        {
            using var c = await _sim.ConnectAsync(Read);
            var svc = new AdeGraphService(c);
            Assert.Null(await svc.GetTokenAsync("00000000-0000-0000-0000-000000000000", default));
            var first = (await ListAllAsync(c))[0];
            var again = await svc.GetTokenAsync(first.Id!, default);
            Assert.Equal(first.TokenName, again!.TokenName);
        }

        [Fact]
        public async Task ForeignTokenIsRefusedAtConnectOrFirstCall()
        {
            var fake = new System.Security.SecureString();
            foreach (var ch in "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlcyI6WyJEZXZpY2VNYW5hZ2VtZW50U2VydmljZUNvbmZpZy5SZWFkLkFsbCJdfQ.bm90LXNpZ25lZA") fake.AppendChar(ch);
            using var c = await AdeGraphConnection.ConnectAsync(new ConnectOptions { AuthType = AuthType.AccessToken, AccessToken = fake, GraphEndpoint = _sim.BaseUrl }, default);
            var e = await Assert.ThrowsAsync<AdeGraphException>(() => ListAllAsync(c));
            Assert.Equal(GraphFailureKind.Unauthenticated, e.Kind);
        }

        [Fact]
        public async Task ManagedIdentityTokenComesFromTheIdentityEndpoint()
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", new Uri(_sim.BaseUrl, "/msi/token").ToString());
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", _sim.IdentityHeader);
            try
            {
                using var c = await AdeGraphConnection.ConnectAsync(new ConnectOptions { AuthType = AuthType.ManagedIdentity, GraphEndpoint = _sim.BaseUrl }, default);
                Assert.Contains("DeviceManagementServiceConfig.Read.All", c.GrantedPermissions);
                Assert.Equal(7, (await ListAllAsync(c)).Count);
            }
            finally
            {
                Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
                Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
            }
        }
    }

    [CollectionDefinition("Simulator", DisableParallelization = true)]
    public class SimulatorCollection
    {
    }
}
