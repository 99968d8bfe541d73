using System;
using System.Linq;

namespace AdeTokens
{
    /// <summary>The Test-AdeTokenHealth verdict for one ADE/DEP token.</summary>
    public sealed class HealthResult
    {
        /// <summary>depOnboardingSetting id.</summary>
        public string TokenId { get; set; } = string.Empty;
        /// <summary>Token name.</summary>
        public string? TokenName { get; set; }
        /// <summary>Apple ID that created the token; renewal must use the same one.</summary>
        public string? AppleId { get; set; }
        /// <summary>Tenant the token belongs to, so multi-tenant runbooks can tell results apart.</summary>
        public string? TenantId { get; set; }
        /// <summary>The worst Warning or Critical finding; Info findings never change it.</summary>
        public HealthStatus Status { get; set; }
        /// <summary>The same as Status, under the name TokenStatus also has, so one filter works on both outputs.</summary>
        public HealthStatus Severity => Status;
        /// <summary>
        /// Whole calendar days in UTC from EvaluatedAt to expiry, the way people count (an expiry on Dec 6 read
        /// on Dec 1 is 5; one three days ago is -3; today is 0). Recomputed at EvaluatedAt rather than copied
        /// from Token, whose clock may differ.
        /// </summary>
        public int? DaysUntilExpiry { get; set; }
        /// <summary>When the Apple server token expires; null when Intune reports none.</summary>
        public DateTimeOffset? ExpirationDateTime { get; set; }
        /// <summary>Last successful sync with ABM/ASM; null when never.</summary>
        public DateTimeOffset? LastSuccessfulSyncDateTime { get; set; }
        /// <summary>Findings, most severe first.</summary>
        public FindingList Findings { get; set; } = FindingList.Empty;
        /// <summary>The instant the rules were evaluated at (-AsOf, or now).</summary>
        public DateTimeOffset EvaluatedAt { get; set; }
        /// <summary>The status object the verdict was computed from, for drilling down.</summary>
        public TokenStatus? Token { get; set; }
        /// <summary>
        /// Whether a sync could help: the token has a sync finding (SyncStale, NeverSynced or SyncFailed) and nothing a
        /// sync cannot fix (an expired token, terms not accepted). Test-AdeTokenHealth | Where-Object SyncMayHelp | Sync-AdeToken.
        /// </summary>
        public bool SyncMayHelp { get; set; }
        /// <summary>The tenant-wide facts (APNs certificate, VPP tokens) the verdict used; null when none were read.</summary>
        public Health.TenantFacts? Tenant { get; set; }

        /// <summary>Distinct finding codes, most severe first, comma-joined: tables have room for one column.</summary>
        public string FindingCodes => string.Join(", ", (Findings ?? Array.Empty<HealthFinding>()).Select(f => f.Code).Distinct());

        /// <inheritdoc />
        public override string ToString()
        {
            var codes = FindingCodes;
            return codes.Length == 0 ? $"{TokenName} ({TokenId}): {Status}" : $"{TokenName} ({TokenId}): {Status} [{codes}]";
        }
    }
}
