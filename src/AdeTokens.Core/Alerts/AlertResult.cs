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

        /// <inheritdoc />
        public override string ToString() => $"{Channel}: {(Sent ? "sent" : "not sent")} ({Summary})";
    }
}
