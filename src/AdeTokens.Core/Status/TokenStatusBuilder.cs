using System;
using AdeTokens.Graph.Models;

namespace AdeTokens
{
    /// <summary>Turns a depOnboardingSetting into a TokenStatus with a computed state.</summary>
    public static class TokenStatusBuilder
    {
        /// <summary>Intune writes 0001-01-01T00:00:00Z for "never"; anything before 1971 means the same.</summary>
        public static DateTimeOffset? Never(DateTimeOffset? value)
            => value.HasValue && value.Value.UtcDateTime.Year <= 1970 ? (DateTimeOffset?)null : value;

        /// <summary>Whole calendar days in UTC from now to expiry (see DayCount): Dec 6 read on Dec 1 is 5; negative once expired.</summary>
        public static int DaysUntil(DateTimeOffset expiry, DateTimeOffset now)
            => DayCount.Between(now, expiry);

        /// <summary>Friendly token type; unknown values pass through unchanged.</summary>
        public static string? NormalizeTokenType(string? raw)
        {
            if (raw is null) return null;
            switch (raw.Trim().ToLowerInvariant())
            {
                case "dep": return "Dep";
                case "appleschoolmanager": return "AppleSchoolManager";
                case "none": return "None";
                default: return raw;
            }
        }

        /// <summary>Builds the status at <paramref name="now"/>.</summary>
        public static TokenStatus Build(DepOnboardingSetting s, DateTimeOffset now, StatusThresholds? thresholds = null, string? tenantId = null)
        {
            if (s is null) throw new ArgumentNullException(nameof(s));
            thresholds ??= new StatusThresholds();
            var expiry = Never(s.TokenExpirationDateTime);
            var status = new TokenStatus
            {
                Id = s.Id ?? string.Empty,
                Name = s.TokenName,
                AppleId = s.AppleIdentifier,
                TokenType = NormalizeTokenType(s.TokenType),
                ExpirationDateTime = expiry,
                DaysUntilExpiry = expiry.HasValue ? DaysUntil(expiry.Value, now) : (int?)null,
                LastSuccessfulSyncDateTime = Never(s.LastSuccessfulSyncDateTime),
                LastSyncTriggeredDateTime = Never(s.LastSyncTriggeredDateTime),
                LastSyncErrorCode = s.LastSyncErrorCode,
                SyncedDeviceCount = s.SyncedDeviceCount,
                DataSharingConsentGranted = s.DataSharingConsentGranted,
                LastModifiedDateTime = Never(s.LastModifiedDateTime),
                ShareTokenWithSchoolDataSyncService = s.ShareTokenWithSchoolDataSyncService,
                RoleScopeTagIds = s.RoleScopeTagIds?.ToArray() ?? Array.Empty<string>(),
                TenantId = tenantId,
                EvaluatedAt = now,
                Raw = s.ToRawProperties(),
            };
            (status.Status, status.StatusReason) = Evaluate(status, now, thresholds);
            status.Severity = Health.HealthEvaluator.Evaluate(status, now, Health.HealthOptions.FromThresholds(thresholds)).Status;
            return status;
        }

        // Order matters: the state shown is the one that most urgently stops enrollment.
        private static (TokenState, string) Evaluate(TokenStatus t, DateTimeOffset now, StatusThresholds th)
        {
            if (t.ExpirationDateTime.HasValue && t.ExpirationDateTime.Value <= now)
                return (TokenState.Expired, $"The token expired on {t.ExpirationDateTime.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC ({DayCount.Relative(t.DaysUntilExpiry ?? 0)}).");
            if (t.LastSyncErrorCode.HasValue && t.LastSyncErrorCode.Value != 0)
                return (TokenState.SyncFailed, $"The last sync with Apple reported error code {t.LastSyncErrorCode.Value}.");
            if (!t.LastSuccessfulSyncDateTime.HasValue)
                return (TokenState.NeverSynced, "The token has never synced with Apple.");
            if (t.ExpirationDateTime.HasValue && t.DaysUntilExpiry <= th.WarningDays)
                return (TokenState.ExpiringSoon, $"The token expires {DayCount.Relative(t.DaysUntilExpiry ?? 0)}, on {t.ExpirationDateTime.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC.");
            var sinceSync = now - t.LastSuccessfulSyncDateTime.Value;
            if (sinceSync.TotalHours > th.StaleSyncHours)
                return (TokenState.SyncStale, $"No successful sync for {sinceSync.TotalHours:0} hours (more than {th.StaleSyncHours:0}).");
            return (TokenState.Healthy, "The token is valid and syncing.");
        }
    }
}
