using System.Collections.Generic;
using System.Linq;

namespace AdeTokens.Health
{
    /// <summary>The counts of one health run, the line Test-AdeTokenHealth writes about them, and the -FailOn verdict.</summary>
    public sealed class HealthSummary
    {
        private readonly IReadOnlyList<HealthResult> _results;

        /// <summary>Counts <paramref name="results"/>; <paramref name="inputFailed"/> when some input could not be read.</summary>
        public HealthSummary(IReadOnlyList<HealthResult> results, bool inputFailed)
        {
            _results = results;
            InputFailed = inputFailed;
            Healthy = results.Count(r => r.Status == HealthStatus.Healthy);
            Warning = results.Count(r => r.Status == HealthStatus.Warning);
            Critical = results.Count(r => r.Status == HealthStatus.Critical);
        }

        /// <summary>Tokens checked.</summary>
        public int Count => _results.Count;
        /// <summary>Healthy tokens.</summary>
        public int Healthy { get; }
        /// <summary>Tokens at Warning.</summary>
        public int Warning { get; }
        /// <summary>Tokens at Critical.</summary>
        public int Critical { get; }
        /// <summary>Some input could not be read, so the run is not a clean bill.</summary>
        public bool InputFailed { get; }

        /// <summary>-Quiet's answer: true only when tokens were checked, every one is healthy and all input was read.</summary>
        public bool AllHealthy => Count > 0 && Warning == 0 && Critical == 0 && !InputFailed;

        /// <summary>Nothing was checked and nothing failed: the tenant has no tokens (or the app cannot see them).</summary>
        public bool NothingFound => Count == 0 && !InputFailed;

        /// <summary>The warning for <see cref="NothingFound"/>.</summary>
        public const string NothingFoundWarning = "No ADE tokens were found, so there is nothing to check. If this tenant uses Apple ADE, check that the app has DeviceManagementServiceConfig.Read.All and an Intune role that covers enrollment programs.";

        /// <summary>The summary line for the information stream.</summary>
        public string Text => $"ADE token health: {Count} token(s): {Healthy} healthy, {Warning} warning, {Critical} critical.";

        /// <summary>The results at or above <paramref name="threshold"/>.</summary>
        public IReadOnlyList<HealthResult> AtOrAbove(HealthStatus threshold) => _results.Where(r => r.Status >= threshold).ToList();

        /// <summary>The -FailOn message for <paramref name="failing"/> results at or above <paramref name="level"/>.</summary>
        public static string FailureMessage(IReadOnlyList<HealthResult> failing, string level)
            => $"{failing.Count} ADE token(s) at or above {level}: {string.Join("; ", failing.Select(r => $"{r.TokenName ?? r.TokenId} ({r.Status}: {r.FindingCodes})"))}.";
    }
}
