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

        /// <summary>True when the alert compares with a remembered state (-StatePath or -StateReader).</summary>
        public bool Tracked { get; private set; }

        /// <summary>What changed since the last alert; empty when not tracked or nothing changed.</summary>
        public IReadOnlyList<AlertChange> Changes { get; private set; } = Array.Empty<AlertChange>();

        /// <summary>When the last alert was sent; null on a first run or when not tracked.</summary>
        public DateTimeOffset? LastSentAt { get; private set; }

        /// <summary>True when something changed since the last alert (always false when not tracked).</summary>
        public bool HasChanges => Changes.Count > 0;

        /// <summary>Attaches the comparison with the last alert.</summary>
        public AlertSelection WithChanges(IReadOnlyList<AlertChange> changes, DateTimeOffset? lastSentAt)
        {
            Tracked = true;
            Changes = changes ?? Array.Empty<AlertChange>();
            LastSentAt = lastSentAt;
            return this;
        }

        /// <summary>The "changed since the last alert" lines: one per change, or a single line saying nothing changed.</summary>
        public IReadOnlyList<string> ChangeLines()
        {
            if (!Tracked) return Array.Empty<string>();
            if (Changes.Count > 0) return Changes.Select(c => c.Text).ToList();
            return new[] { LastSentAt.HasValue ? $"No change since the last alert ({InvariantText.Utc(LastSentAt.Value)})." : "No earlier alert to compare with." };
        }

        /// <summary>"2 new, 1 worse, 1 resolved", or empty.</summary>
        public string ChangeCounts
        {
            get
            {
                var parts = new List<string>();
                var n = Changes.Count(c => c.Kind == AlertChangeKind.NewProblem);
                var w = Changes.Count(c => c.Kind == AlertChangeKind.Worse);
                var r = Changes.Count(c => c.Kind == AlertChangeKind.Resolved);
                if (n > 0) parts.Add($"{n} new");
                if (w > 0) parts.Add($"{w} worse");
                if (r > 0) parts.Add($"{r} resolved");
                return string.Join(", ", parts);
            }
        }

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
        public string Subject
        {
            get
            {
                var changed = HasChanges ? $" ({ChangeCounts} since the last alert)" : string.Empty;
                if (HasAlert)
                    return $"[AdeTokens] {Selected.HighestStatus}: {Selected.Results.Count} ADE {(Selected.Results.Count == 1 ? "token needs" : "tokens need")} attention{changed}";
                return HasChanges && Changes.All(c => c.Kind == AlertChangeKind.Resolved)
                    ? $"[AdeTokens] Resolved: no ADE token is at or above {MinimumStatus} any more{changed}"
                    : "[AdeTokens] All clear: ADE tokens are healthy";
            }
        }
    }
}
