using System;

namespace AdeTokens
{
    /// <summary>What Send-AdeTokenAlert -PassThru reports for one channel. Never holds the webhook URL.</summary>
    public sealed class AlertResult
    {
        /// <summary>Teams or Mail.</summary>
        public string Channel { get; set; } = string.Empty;
        /// <summary>True when the channel accepted the alert.</summary>
        public bool Sent { get; set; }
        /// <summary>How many results the alert is about (those at or above MinimumStatus).</summary>
        public int ResultCount { get; set; }
        /// <summary>How many results were given in all.</summary>
        public int TotalCount { get; set; }
        /// <summary>The worst status among the results the alert is about; Healthy for an all-clear.</summary>
        public HealthStatus Status { get; set; }
        /// <summary>The threshold the results were selected with.</summary>
        public HealthStatus MinimumStatus { get; set; }
        /// <summary>One line: how many tokens at which status, or why nothing was sent.</summary>
        public string Summary { get; set; } = string.Empty;
        /// <summary>The HTTP status of the final answer (202 for Graph sendMail); null when nothing was sent.</summary>
        public int? StatusCode { get; set; }
        /// <summary>How many requests it took (retries included).</summary>
        public int Attempts { get; set; }
        /// <summary>Mail recipients; empty for Teams.</summary>
        public TextList Recipients { get; set; } = TextList.Empty;
        /// <summary>When the channel accepted the alert (UTC).</summary>
        public DateTimeOffset? SentAt { get; set; }
        /// <summary>With -StatePath or -StateReader: what changed since the last alert, one line each.</summary>
        public TextList Changes { get; set; } = TextList.Empty;

        /// <summary>The result for a channel that took the alert.</summary>
        public static AlertResult ForSent(string channel, Alerts.AlertSelection s, int status, int attempts, string[] recipients) => new AlertResult
        {
            Channel = channel,
            Sent = true,
            ResultCount = s.HasAlert ? s.Selected.Results.Count : 0,
            TotalCount = s.All.Results.Count,
            Status = s.HasAlert ? s.Selected.HighestStatus : HealthStatus.Healthy,
            MinimumStatus = s.MinimumStatus,
            Summary = s.Summary,
            StatusCode = status,
            Attempts = attempts,
            Recipients = recipients,
            SentAt = DateTimeOffset.UtcNow,
            Changes = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(s.Changes, c => c.Text)),
        };

        /// <summary>The result for a channel nothing was sent to, and <paramref name="why"/>.</summary>
        public static AlertResult ForNotSent(string channel, Alerts.AlertSelection s, string why) => new AlertResult
        {
            Channel = channel,
            Sent = false,
            ResultCount = s.HasAlert ? s.Selected.Results.Count : 0,
            TotalCount = s.All.Results.Count,
            Status = s.HasAlert ? s.Selected.HighestStatus : HealthStatus.Healthy,
            MinimumStatus = s.MinimumStatus,
            Summary = s.Summary + why,
        };

        /// <inheritdoc />
        public override string ToString() => $"{Channel}: {(Sent ? "sent" : "not sent")} ({Summary})";
    }
}
