using System;
using System.Collections.Generic;
using AdeTokens.Graph.Models;

namespace AdeTokens.Health
{
    /// <summary>What a health check should look at, and how hard it may push Graph.</summary>
    public sealed class HealthCheckRequest
    {
        /// <summary>Tokens checked at once when nobody says otherwise. Device pages of one token still follow nextLink in order.</summary>
        public const int DefaultThrottleLimit = 16;

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
        /// <summary>Tokens checked at once (1-64).</summary>
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>Tokens already in hand (pipeline or snapshot input); when set, nothing is listed.</summary>
        public IReadOnlyList<TokenStatus>? Tokens { get; set; }
        /// <summary>Token ids to read one by one; when set (and <see cref="Tokens"/> is not), nothing is listed.</summary>
        public IReadOnlyList<string>? TokenIds { get; set; }
        /// <summary>When listing, which tokens to keep (the cmdlet's -Name wildcards); null keeps all.</summary>
        public Func<DepOnboardingSetting, bool>? Filter { get; set; }
    }

    /// <summary>How far a health check has got.</summary>
    public sealed class HealthCheckProgress
    {
        /// <summary>Tokens whose facts are all read.</summary>
        public int TokensDone { get; set; }
        /// <summary>Tokens to check.</summary>
        public int TokensTotal { get; set; }
        /// <summary>Devices read so far, all tokens together.</summary>
        public long DevicesRead { get; set; }
        /// <summary>Devices the tokens report (syncedDeviceCount), for a percentage; 0 when unknown.</summary>
        public long DevicesExpected { get; set; }
    }

    /// <summary>What a health check reports while it runs. Called from worker threads: post, don't write.</summary>
    public interface IHealthCheckObserver
    {
        /// <summary>Progress, a few times a second at most.</summary>
        void OnProgress(HealthCheckProgress progress);
        /// <summary>A read failed for good; <paramref name="notChecked"/> says what the verdict lacks.</summary>
        void OnError(Exception error, string target, string notChecked);
        /// <summary>Something the admin should know that is not an error of its own.</summary>
        void OnWarning(string message);
        /// <summary>A token id asked for does not exist.</summary>
        void OnTokenNotFound(string id);
    }

    /// <summary>The verdicts, most urgent first, and whether any input could not be read.</summary>
    public sealed class HealthCheckOutcome
    {
        /// <summary>Creates it.</summary>
        public HealthCheckOutcome(IReadOnlyList<HealthResult> results, bool inputFailed)
        {
            Results = results;
            InputFailed = inputFailed;
        }

        /// <summary>Most urgent first.</summary>
        public IReadOnlyList<HealthResult> Results { get; }
        /// <summary>A token asked for was missing or unreadable.</summary>
        public bool InputFailed { get; }
    }
}
