using System;
using System.Globalization;
using AdeTokens.Http;

namespace AdeTokens.Graph
{
    /// <summary>
    /// How patient a connection is with Graph. The defaults are what users get; tests shorten the waits through
    /// the ADETOKENS_TEST_RESILIENCE environment variable (see <see cref="ApplyTestOverrides"/>) so a fault run
    /// takes seconds, never through a code path users don't take.
    /// </summary>
    public sealed class GraphResilienceOptions
    {
        /// <summary>Status-code retries (429, 503, 504) by the Graph client's RetryHandler. Kiota allows at most 10.</summary>
        public int MaxRetry { get; set; } = 10;
        /// <summary>The RetryHandler's base delay in whole seconds when Graph sends no Retry-After (it doubles per attempt, capped at 180 s).</summary>
        public int RetryDelaySeconds { get; set; } = 1;
        /// <summary>The most the RetryHandler waits in total for one request before it gives up.</summary>
        public TimeSpan RetriesTimeLimit { get; set; } = TimeSpan.FromMinutes(10);
        /// <summary>How long one attempt (headers and, for a GET, the whole body) may take.</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);
        /// <summary>Retries of a GET whose connection was reset, whose body was cut short or that timed out.</summary>
        public int MaxTransportRetries { get; set; } = 4;
        /// <summary>First backoff for a transport retry; doubles per attempt, with full jitter.</summary>
        public TimeSpan TransportBackoff { get; set; } = TimeSpan.FromSeconds(1);
        /// <summary>Longest single transport backoff.</summary>
        public TimeSpan MaxTransportBackoff { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>Requests per window for this tenant and app (Intune: 1,000 per 20 s).</summary>
        public int BudgetLimit { get; set; } = RequestBudget.IntuneLimit;
        /// <summary>Writes per window (Intune: 100 per 20 s).</summary>
        public int BudgetWriteLimit { get; set; } = RequestBudget.IntuneWriteLimit;
        /// <summary>The budget's sliding window.</summary>
        public TimeSpan BudgetWindow { get; set; } = RequestBudget.IntuneWindow;

        /// <summary>The Graph client's RetryHandler doubles its wait up to this, whatever the base delay.</summary>
        public static readonly TimeSpan MaxStatusDelay = TimeSpan.FromSeconds(180);

        /// <summary>
        /// The retries after a 429, 503 or 504, as the shared policy: the Graph client's RetryHandler makes them with
        /// these numbers, and the JSON batch items follow the same rule. A Graph write is not a harmless duplicate.
        /// </summary>
        public RetryPolicy StatusRetry => new RetryPolicy(MaxRetry, TimeSpan.FromSeconds(RetryDelaySeconds), MaxStatusDelay, RetriesTimeLimit, duplicateIsHarmless: false);

        /// <summary>The retries of a GET that failed in transit (ResilienceHandler), as the shared policy.</summary>
        public RetryPolicy TransportRetry => new RetryPolicy(MaxTransportRetries, TransportBackoff, MaxTransportBackoff, RetriesTimeLimit, duplicateIsHarmless: false);

        /// <summary>Name of the test-only environment variable.</summary>
        public const string TestVariable = "ADETOKENS_TEST_RESILIENCE";

        /// <summary>
        /// Applies "name=value;name=value" overrides from ADETOKENS_TEST_RESILIENCE: attemptTimeoutMs,
        /// retryDelaySeconds, maxRetry, transportBackoffMs, maxTransportRetries, budgetLimit, budgetWriteLimit,
        /// budgetWindowMs, retriesTimeLimitMs. Unknown names are an error, so a typo can't silently test the defaults.
        /// </summary>
        public GraphResilienceOptions ApplyTestOverrides(string? text = null)
        {
            text ??= Environment.GetEnvironmentVariable(TestVariable);
            if (string.IsNullOrWhiteSpace(text)) return this;
            foreach (var part in text!.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=');
                if (eq <= 0) throw new FormatException($"{TestVariable}: '{part}' is not name=value.");
                var name = part.Substring(0, eq).Trim();
                var value = int.Parse(part.Substring(eq + 1).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                switch (name.ToLowerInvariant())
                {
                    case "attempttimeoutms": AttemptTimeout = TimeSpan.FromMilliseconds(value); break;
                    case "retrydelayseconds": RetryDelaySeconds = value; break;
                    case "maxretry": MaxRetry = value; break;
                    case "transportbackoffms": TransportBackoff = TimeSpan.FromMilliseconds(value); break;
                    case "maxtransportretries": MaxTransportRetries = value; break;
                    case "budgetlimit": BudgetLimit = value; break;
                    case "budgetwritelimit": BudgetWriteLimit = value; break;
                    case "budgetwindowms": BudgetWindow = TimeSpan.FromMilliseconds(value); break;
                    case "retriestimelimitms": RetriesTimeLimit = TimeSpan.FromMilliseconds(value); break;
                    default: throw new FormatException($"{TestVariable}: unknown setting '{name}'.");
                }
            }
            return this;
        }
    }
}
