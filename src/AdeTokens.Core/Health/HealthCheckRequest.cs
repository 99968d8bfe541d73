using System;
using System.Collections.Generic;
using AdeTokens.Graph.Models;

namespace AdeTokens.Health
{
    /// <summary>What a health check should look at, and how hard it may push Graph.</summary>
    public sealed class HealthCheckRequest
    {
        /// <summary>The most requests a run may have on the wire at once (-ThrottleLimit's upper bound).</summary>
        public const int MaxThrottleLimit = 64;

        /// <summary>
        /// Requests on the wire at once when nobody says otherwise (twice as many tokens in hand): the most allowed.
        /// Device pages of one token still follow nextLink in order, so with 100 tokens of two pages each, 32 at a
        /// time is seven rounds of round trips, 48 five and 64 four (bench/RESULTS.md measures them side by side).
        /// Requests go as HTTP/1.1, as Graph's own client sends them, so each one on the wire is a connection. The
        /// budget, not this number, keeps a run inside Intune's limits.
        /// </summary>
        public const int DefaultThrottleLimit = MaxThrottleLimit;

        /// <summary>Thresholds.</summary>
        public HealthOptions Options { get; set; } = new HealthOptions();
        /// <summary>The instant to judge at.</summary>
        public DateTimeOffset AsOf { get; set; } = DateTimeOffset.UtcNow;
        /// <summary>Read the tenant's Apple MDM push certificate (and what else is tenant-wide).</summary>
        public bool IncludeTenant { get; set; } = true;
        /// <summary>Read each token's enrollment profiles and default profiles.</summary>
        public bool IncludeProfiles { get; set; }
        /// <summary>Stream each token's devices into a bounded summary (implies profiles).</summary>
        public bool IncludeDevices { get; set; }
        /// <summary>The run's requests on the wire at once (1 to <see cref="MaxThrottleLimit"/>); twice as many tokens are read at a time.</summary>
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>Tokens already in hand (pipeline or snapshot input); when set, nothing is listed.</summary>
        public IReadOnlyList<TokenStatus>? Tokens { get; set; }
        /// <summary>Token ids to read one by one; when set (and <see cref="Tokens"/> is not), nothing is listed.</summary>
        public IReadOnlyList<string>? TokenIds { get; set; }
        /// <summary>When listing, which tokens to keep (the cmdlet's -Name wildcards); null keeps all.</summary>
        public Func<DepOnboardingSetting, bool>? Filter { get; set; }
    }
}
