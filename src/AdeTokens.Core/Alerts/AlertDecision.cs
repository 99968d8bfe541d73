using System;
using System.Collections.Generic;

namespace AdeTokens.Alerts
{
    /// <summary>Whether this run sends an alert, about what, and the state to save once every channel took it.</summary>
    public sealed class AlertDecision
    {
        private AlertDecision(AlertSelection selection, AlertState? next, string? notSentWhy, IReadOnlyList<string> verbose)
        {
            Selection = selection;
            Next = next;
            NotSentWhy = notSentWhy;
            Verbose = verbose;
        }

        /// <summary>The results the alert is about, with the changes since the last alert when it is tracked.</summary>
        public AlertSelection Selection { get; }
        /// <summary>The state to save after a delivered alert; null when the alert is not tracked.</summary>
        public AlertState? Next { get; }
        /// <summary>Why nothing is sent (appended to the summary of the not-sent results); null when the alert goes out.</summary>
        public string? NotSentWhy { get; }
        /// <summary>True when the alert goes out.</summary>
        public bool Send => NotSentWhy is null;
        /// <summary>Lines for the verbose stream.</summary>
        public IReadOnlyList<string> Verbose { get; }

        /// <summary>
        /// Decides for <paramref name="results"/>. Tracked (a state store was given), an alert goes out when something
        /// changed since <paramref name="previous"/>; untracked, when anything is at or above <paramref name="minimum"/>.
        /// <paramref name="alwaysSend"/> sends either way.
        /// </summary>
        public static AlertDecision Make(IReadOnlyList<HealthResult> results, HealthStatus minimum, DateTimeOffset now, string? title, bool tracked, AlertState? previous, bool alwaysSend)
        {
            var selection = AlertSelection.Select(results, minimum, now, title);
            var verbose = new List<string>();
            if (!tracked)
            {
                if (selection.HasAlert || alwaysSend) return new AlertDecision(selection, null, null, verbose);
                verbose.Add($"Nothing to alert on: {selection.Summary} No alert was sent (use -AlwaysSend for an all-clear message).");
                return new AlertDecision(selection, null, " Nothing was sent.", verbose);
            }
            var (changes, next) = AlertState.Compare(previous, results, minimum, now);
            selection.WithChanges(changes, previous?.SentAt);
            if (!selection.HasChanges && !alwaysSend)
            {
                var since = previous != null ? " (" + InvariantText.Utc(previous.SentAt) + ")" : string.Empty;
                verbose.Add($"Nothing changed since the last alert{since}: {selection.Summary} No alert was sent (use -AlwaysSend to send anyway).");
                return new AlertDecision(selection, next, " Nothing changed since the last alert, so nothing was sent.", verbose);
            }
            foreach (var c in selection.Changes) verbose.Add("Changed since the last alert: " + c.Text);
            return new AlertDecision(selection, next, null, verbose);
        }
    }
}
