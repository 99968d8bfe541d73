using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Profiles;
using AdeTokens.Tests.Infrastructure;
using Xunit;

namespace AdeTokens.Tests.Profiles
{
    public sealed class ProfilesSimulatorFixture : IDisposable
    {
        public Simulator Sim { get; } = Simulator.Start("remediation-profiles.json");
        public void Dispose() => Sim.Dispose();
    }

    /// <summary>The one default-profile lookup, against the simulated tenant: what Get-AdeEnrollmentProfile, Set-AdeDefaultProfile and the health facts read.</summary>
    [Collection("Simulator")]
    public class DefaultProfileLookupTests : IClassFixture<ProfilesSimulatorFixture>
    {
        private const string Read = "DeviceManagementServiceConfig.Read.All";
        private static readonly string[] Tokens = { "d4000000-0000-4000-8000-000000000001", "d4000000-0000-4000-8000-000000000002" };
        private readonly Simulator _sim;

        public DefaultProfileLookupTests(ProfilesSimulatorFixture fixture) => _sim = fixture.Sim;

        private static async Task<List<EnrollmentProfile>> ProfilesAsync(AdeGraphService service, string tokenId)
        {
            var list = new List<EnrollmentProfile>();
            await service.ListProfilesAsync(tokenId, p => { list.Add(p); return true; }, CancellationToken.None);
            return list;
        }

        private async Task<string[]> NavigationReadsAsync()
            => (await _sim.RequestsAsync()).Select(r => r.GetProperty("path").GetString()!).Where(p => p.Contains("EnrollmentProfile", StringComparison.Ordinal) && p.Contains("/default", StringComparison.Ordinal)).ToArray();

        [Fact]
        public async Task The_profiles_settle_it_without_a_navigation_read_and_agree_with_the_navigation()
        {
            using var c = await _sim.ConnectAsync(Read);
            var service = new AdeGraphService(c);
            var lookup = new DefaultProfileLookup(service);
            foreach (var tokenId in Tokens)
            {
                var profiles = await ProfilesAsync(service, tokenId);
                Assert.NotEmpty(profiles);
                await _sim.ClearRequestsAsync();
                var navigations = await lookup.ReadAsync(tokenId, profiles, CancellationToken.None);
                Assert.Empty(navigations);
                Assert.Empty(await NavigationReadsAsync());
                foreach (var p in profiles)
                {
                    // What Intune itself uses as the default, read the long way, is the same answer.
                    var nav = await service.GetDefaultProfileAsync(tokenId, p.Platform, CancellationToken.None);
                    var byNavigation = nav?.Id != null && string.Equals(nav.Id, p.Id, StringComparison.OrdinalIgnoreCase);
                    Assert.Equal(byNavigation, DefaultProfileLookup.IsDefault(p, navigations));
                    Assert.Equal(byNavigation, await lookup.IsDefaultAsync(tokenId, p, CancellationToken.None));
                }
            }
        }

        [Fact]
        public async Task Profiles_that_do_not_say_are_settled_by_the_navigation_of_their_platform_only()
        {
            using var c = await _sim.ConnectAsync(Read);
            var service = new AdeGraphService(c);
            var tokenId = Tokens[0];
            var listed = await ProfilesAsync(service, tokenId);
            var expected = listed.ToDictionary(p => p.Id!, p => p.IsDefault == true);
            foreach (var p in listed) p.IsDefault = null;

            await _sim.ClearRequestsAsync();
            var navigations = await new DefaultProfileLookup(service).ReadAsync(tokenId, listed, CancellationToken.None);
            Assert.Equal(new[] { "iOS", "macOS" }, navigations.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(2, (await NavigationReadsAsync()).Length);
            foreach (var p in listed) Assert.Equal(expected[p.Id!], DefaultProfileLookup.IsDefault(p, navigations));
            Assert.Contains(expected, kv => kv.Value);
        }

        [Fact]
        public async Task The_health_facts_say_the_same()
        {
            using var c = await _sim.ConnectAsync(Read);
            var service = new AdeGraphService(c);
            foreach (var tokenId in Tokens)
            {
                var profiles = await ProfilesAsync(service, tokenId);
                var facts = await new HealthFactsCollector(service).GetProfileFactsAsync(tokenId, CancellationToken.None);
                foreach (var platform in new[] { "iOS", "macOS", "tvOS", "visionOS" })
                    Assert.Equal(profiles.Any(p => p.Platform == platform && DefaultProfileLookup.IsDefault(p, null)), facts.HasDefault(platform));
            }
        }

        private async Task<int> BatchPostsAsync()
            => (await _sim.RequestsAsync()).Count(r => r.GetProperty("path").GetString()!.EndsWith("/$batch", StringComparison.Ordinal));

        [Fact]
        public async Task A_batch_item_Graph_answers_503_is_sent_again_after_its_Retry_After_and_read()
        {
            using var c = await _sim.ConnectAsync(Read);
            var service = new AdeGraphService(c);
            var wanted = new[] { (Tokens[0], "iOS"), (Tokens[1], "macOS") };
            var clean = await service.GetDefaultProfileIdsAsync(wanted, CancellationToken.None);
            await _sim.SetFaultsAsync(new { unavailable = new { first = 1, retryAfterSeconds = 1, pathContains = "defaultIosEnrollmentProfile" } });
            try
            {
                await _sim.ClearRequestsAsync();
                var again = await service.GetDefaultProfileIdsAsync(wanted, CancellationToken.None);
                Assert.Equal(clean.OrderBy(k => k.Key.TokenId), again.OrderBy(k => k.Key.TokenId));
                Assert.Equal(2, await BatchPostsAsync());
            }
            finally
            {
                await _sim.ClearFaultsAsync();
            }
        }

        [Fact]
        public async Task A_batch_item_whose_Retry_After_is_beyond_the_shared_policy_fails_at_once_with_its_status()
        {
            using var c = await _sim.ConnectAsync(Read);
            var service = new AdeGraphService(c);
            // 600 s is past the policy's longest single wait (180 s), so the item fails now instead of holding the run.
            await _sim.SetFaultsAsync(new { unavailable = new { every = 1, retryAfterSeconds = 600, pathContains = "defaultIosEnrollmentProfile" } });
            try
            {
                await _sim.ClearRequestsAsync();
                using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120));
                var e = await Assert.ThrowsAsync<DefaultProfileBatchException>(
                    () => service.GetDefaultProfileIdsAsync(new[] { (Tokens[0], "iOS"), (Tokens[1], "macOS") }, guard.Token));
                Assert.Equal(503, e.Failures[Tokens[0]].StatusCode);
                Assert.False(e.Failures.ContainsKey(Tokens[1]));
                Assert.True(e.Partial.ContainsKey((Tokens[1], "macOS")));
                Assert.Equal(1, await BatchPostsAsync());
            }
            finally
            {
                await _sim.ClearFaultsAsync();
            }
        }
    }
}
