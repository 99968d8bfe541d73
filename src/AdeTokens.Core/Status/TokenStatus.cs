using System;
using System.Collections.Generic;

namespace AdeTokens
{
    /// <summary>One ADE/DEP enrollment program token as Get-AdeTokenStatus shows it.</summary>
    public sealed class TokenStatus
    {
        /// <summary>depOnboardingSetting id.</summary>
        public string Id { get; set; } = string.Empty;
        /// <summary>Token name.</summary>
        public string? Name { get; set; }
        /// <summary>Apple ID (Managed Apple ID) that created the token; renew with the same one.</summary>
        public string? AppleId { get; set; }
        /// <summary>Dep, AppleSchoolManager, None, or Graph's raw value for a type added later.</summary>
        public string? TokenType { get; set; }
        /// <summary>When the Apple server token expires.</summary>
        public DateTimeOffset? ExpirationDateTime { get; set; }
        /// <summary>Whole days until expiry, negative once expired.</summary>
        public int? DaysUntilExpiry { get; set; }
        /// <summary>Last successful sync with ABM/ASM; null when Intune reports "never".</summary>
        public DateTimeOffset? LastSuccessfulSyncDateTime { get; set; }
        /// <summary>Last time a sync was requested; null when never.</summary>
        public DateTimeOffset? LastSyncTriggeredDateTime { get; set; }
        /// <summary>Error code Apple reported on the last sync; 0 means none.</summary>
        public int? LastSyncErrorCode { get; set; }
        /// <summary>Devices synced from ABM/ASM.</summary>
        public int? SyncedDeviceCount { get; set; }
        /// <summary>Whether data sharing with Apple was consented to.</summary>
        public bool? DataSharingConsentGranted { get; set; }
        /// <summary>When the token was onboarded or last changed.</summary>
        public DateTimeOffset? LastModifiedDateTime { get; set; }
        /// <summary>Whether the token is shared with School Data Sync.</summary>
        public bool? ShareTokenWithSchoolDataSyncService { get; set; }
        /// <summary>Scope tags.</summary>
        public TextList RoleScopeTagIds { get; set; } = TextList.Empty;
        /// <summary>
        /// The overall state: the one named by Test-AdeTokenHealth's most severe expiry or sync finding for the same
        /// token (Warning or above), or Healthy when it has none.
        /// </summary>
        public TokenState Status { get; set; }
        /// <summary>
        /// Healthy, Warning or Critical: the verdict Test-AdeTokenHealth gives from this token's own facts, with the
        /// same thresholds. Status (TokenState) and HealthResult.Status (HealthStatus) are different sets, so
        /// "Where-Object Status -eq Critical" finds nothing here; "Where-Object Severity -eq Critical" works on both.
        /// </summary>
        public HealthStatus Severity { get; set; }
        /// <summary>Why the state is what it is, in one sentence.</summary>
        public string? StatusReason { get; set; }
        /// <summary>Tenant the token belongs to (helps when looping over tenants).</summary>
        public string? TenantId { get; set; }
        /// <summary>The time the status was computed for.</summary>
        public DateTimeOffset EvaluatedAt { get; set; }
        /// <summary>Every property Graph returned, under Graph's names.</summary>
        public IDictionary<string, object?> Raw { get; set; } = new RawProperties();

        /// <inheritdoc />
        public override string ToString() => $"{Name} ({Id}): {Status}";
    }
}
