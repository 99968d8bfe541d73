using System;

namespace AdeTokens.Alerts
{
    /// <summary>One token as the last alert reported it.</summary>
    public sealed class AlertStateEntry
    {
        /// <summary>The tenant.</summary>
        public string? TenantId { get; set; }
        /// <summary>The token id.</summary>
        public string TokenId { get; set; } = string.Empty;
        /// <summary>The token's name when the alert was sent.</summary>
        public string? TokenName { get; set; }
        /// <summary>The status alerted on.</summary>
        public HealthStatus Status { get; set; }
        /// <summary>The Warning and Critical finding codes alerted on, sorted.</summary>
        public string[] Codes { get; set; } = Array.Empty<string>();
        /// <summary>Null for an ADE token; "Tenant" for a tenant-wide target (TokenId is then the APNs certificate or a VPP token id).</summary>
        public string? Scope { get; set; }

        internal string Key => Keys.Of(TenantId, TokenId);
    }
}
