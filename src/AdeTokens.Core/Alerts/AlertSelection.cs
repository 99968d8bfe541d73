using System;
using System.Collections.Generic;
using System.Linq;
using AdeTokens.Reporting;

namespace AdeTokens.Alerts
{
    /// <summary>What one alert is about: every result seen, and the ones at or above the minimum status.</summary>
    public sealed class AlertSelection
    {
        private AlertSelection(HealthReport all, HealthReport selected, HealthStatus minimum)
        {
            All = all;
            Selected = selected;
            MinimumStatus = minimum;
        }

        /// <summary>Every result given, most urgent first.</summary>
        public HealthReport All { get; }
        /// <summary>The results at or above <see cref="MinimumStatus"/>, most urgent first.</summary>
        public HealthReport Selected { get; }
        /// <summary>The threshold: Warning or Critical.</summary>
        public HealthStatus MinimumStatus { get; }
        /// <summary>True when at least one result reaches the threshold.</summary>
        public bool HasAlert => Selected.Results.Count > 0;

        /// <summary>Selects the results at or above <paramref name="minimum"/> (Healthy is not a threshold).</summary>
        public static AlertSelection Select(IEnumerable<HealthResult> results, HealthStatus minimum, DateTimeOffset generatedAt, string? title = null)
        {
            if (results is null) throw new ArgumentNullException(nameof(results));
            if (minimum == HealthStatus.Healthy)
                throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The minimum status for an alert is Warning or Critical.");
            var list = results.Where(r => r != null).ToList();
            var all = new HealthReport(list, generatedAt, title ?? DefaultTitle);
            var selected = new HealthReport(list.Where(r => r.Status >= minimum), generatedAt, title ?? DefaultTitle);
            return new AlertSelection(all, selected, minimum);
        }

        /// <summary>The title used when none is given.</summary>
        public const string DefaultTitle = "ADE token alert";

        /// <summary>"2 of 5 ADE tokens at or above Warning: 1 critical, 1 warning." or the all-clear line.</summary>
        public string Summary => HasAlert
            ? $"{Selected.Results.Count} of {All.Results.Count} ADE {(All.Results.Count == 1 ? "token" : "tokens")} at or above {MinimumStatus}: {Selected.Critical} critical, {Selected.Warning} warning."
            : $"All clear: none of {All.Results.Count} ADE {(All.Results.Count == 1 ? "token" : "tokens")} is at or above {MinimumStatus} ({All.Healthy} healthy, {All.Warning} warning, {All.Critical} critical).";

        /// <summary>A mail subject or card heading: the worst status first, so it reads well in a list of mails.</summary>
        public string Subject => HasAlert
            ? $"[AdeTokens] {Selected.HighestStatus}: {Selected.Results.Count} ADE {(Selected.Results.Count == 1 ? "token needs" : "tokens need")} attention"
            : "[AdeTokens] All clear: ADE tokens are healthy";
    }
}
