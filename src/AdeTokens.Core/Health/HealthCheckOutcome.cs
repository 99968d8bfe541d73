using System.Collections.Generic;

namespace AdeTokens.Health
{
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
