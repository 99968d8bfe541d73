using System;

namespace AdeTokens.Alerts
{
    /// <summary>One line of "changed since the last alert".</summary>
    public sealed class AlertChange
    {
        /// <summary>What kind of change.</summary>
        public AlertChangeKind Kind { get; set; }
        /// <summary>The token's tenant.</summary>
        public string? TenantId { get; set; }
        /// <summary>The token id.</summary>
        public string TokenId { get; set; } = string.Empty;
        /// <summary>The token's name (or id).</summary>
        public string TokenName { get; set; } = string.Empty;
        /// <summary>The status at the last alert; null for a new problem on a token not alerted before.</summary>
        public HealthStatus? PreviousStatus { get; set; }
        /// <summary>The status now.</summary>
        public HealthStatus Status { get; set; }
        /// <summary>The finding codes that appeared (NewProblem, Worse) or cleared (Resolved).</summary>
        public string[] Codes { get; set; } = Array.Empty<string>();
        /// <summary>The line shown on the card and in the mail.</summary>
        public string Text { get; set; } = string.Empty;

        /// <inheritdoc />
        public override string ToString() => Text;
    }
}
