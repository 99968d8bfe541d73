using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph.Json;
using AdeTokens.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Health
{
    /// <summary>
    /// The first check in a process spends most of its time compiling: the token page's parser, the status
    /// builder, the rules and the ordering are all JIT-compiled when the first token list arrives, after the
    /// process has sat idle waiting for Graph. This runs that same code once, on a thread-pool thread, over one
    /// canned token, while the first requests are on the wire; the real run then finds it compiled.
    /// </summary>
    /// <remarks>Nothing here touches the network, the observer or any shared state; a failure is ignored.</remarks>
    internal static class ColdStart
    {
        private static int s_started;

        // One token with the fields the rules read and one expanded profile, as Graph's list returns them.
        private const string SamplePage =
            "{\"value\":[{\"id\":\"00000000-0000-0000-0000-000000000000\",\"tokenName\":\"warm-up\",\"appleIdentifier\":\"warm@example.com\"," +
            "\"tokenType\":\"dep\",\"tokenExpirationDateTime\":\"2030-01-01T00:00:00Z\",\"lastModifiedDateTime\":\"2026-01-01T00:00:00Z\"," +
            "\"lastSuccessfulSyncDateTime\":\"2026-01-01T00:00:00Z\",\"lastSyncTriggeredDateTime\":\"2026-01-01T00:00:00Z\"," +
            "\"shareTokenWithSchoolDataSyncService\":false,\"lastSyncErrorCode\":0,\"syncedDeviceCount\":1,\"dataSharingConsentGranted\":true,\"roleScopeTagIds\":[\"0\"]," +
            "\"enrollmentProfiles\":[{\"@odata.type\":\"#microsoft.graph.depIOSEnrollmentProfile\",\"id\":\"00000000-0000-0000-0001-000000000000\",\"displayName\":\"warm-up\",\"isDefault\":true}]}]}";

        /// <summary>Starts the warm-up the first time it is called in the process; later calls do nothing.</summary>
        public static void Begin()
        {
            if (Interlocked.Exchange(ref s_started, 1) != 0) return;
            _ = Task.Run(() => WarmAsync());
        }

        /// <summary>The warm-up itself; true when every step ran.</summary>
        internal static async Task<bool> WarmAsync()
        {
            try
            {
                using var content = new MemoryStream(Encoding.UTF8.GetBytes(SamplePage));
                var root = await new PooledJsonParseNodeFactory().GetRootParseNodeAsync("application/json", content).ConfigureAwait(false);
                var page = root.GetObjectValue(_ => new DepOnboardingSettingCollectionResponse());
                var asOf = DateTimeOffset.UtcNow;
                var options = new HealthOptions();
                var results = new List<HealthResult>();
                foreach (var s in page?.Value ?? new List<DepOnboardingSetting>())
                {
                    var status = TokenStatusBuilder.Build(s, asOf, options, null);
                    var profiles = ProfileFacts.FromProfiles(s.EnrollmentProfiles, new Dictionary<string, string?>());
                    results.Add(HealthEvaluator.Evaluate(status, asOf, options, TenantFacts.FromApns(true, asOf.AddDays(200), "warm@example.com"), profiles, null, Array.Empty<string>()));
                }
                return HealthCheckEngine.Order(results).Count == 1 && page!.Value![0].EnrollmentProfiles?.Count == 1;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
