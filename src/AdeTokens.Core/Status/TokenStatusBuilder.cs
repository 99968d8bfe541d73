using System;
using System.Globalization;
using AdeTokens.Graph.Models;
using AdeTokens.Health;

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

        /// <summary>
        /// Builds the status at <paramref name="now"/>. Status, StatusReason and Severity come from the health rules
        /// (HealthEvaluator) applied to this token's own facts with <paramref name="options"/>, so Get-AdeTokenStatus
        /// and Test-AdeTokenHealth cannot disagree about a token.
        /// </summary>
        public static TokenStatus Build(DepOnboardingSetting s, DateTimeOffset now, HealthOptions? options = null, string? tenantId = null)
        {
            if (s is null) throw new ArgumentNullException(nameof(s));
            options ??= new HealthOptions();
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
            var verdict = HealthEvaluator.Evaluate(status, now, options);
            var headline = HealthEvaluator.Headline(verdict.Findings);
            status.Status = headline is null ? TokenState.Healthy : HealthEvaluator.StateFor(headline.Code);
            status.StatusReason = Reason(status, status.Status, verdict.Findings, now, options);
            status.Severity = verdict.Status;
            return status;
        }

        // One sentence for the list view; the finding itself (Test-AdeTokenHealth) carries the causes and the fix.
        private static string Reason(TokenStatus t, TokenState state, HealthFinding[] findings, DateTimeOffset now, HealthOptions options)
        {
            switch (state)
            {
                case TokenState.Expired:
                    return $"The token expired on {InvariantText.Utc(t.ExpirationDateTime!.Value)} ({Text.Ago(t.ExpirationDateTime.Value, now)}).";
                case TokenState.SyncFailed:
                    return $"The last sync with Apple reported error code {(t.LastSyncErrorCode ?? 0).ToString(CultureInfo.InvariantCulture)}.";
                case TokenState.NeverSynced:
                    return "The token has never synced with Apple.";
                case TokenState.ExpiringSoon:
                    return $"The token expires {DayCount.Relative(t.DaysUntilExpiry ?? 0)}, on {InvariantText.Utc(t.ExpirationDateTime!.Value)}.";
                case TokenState.SyncStale:
                    var hours = (now - t.LastSuccessfulSyncDateTime!.Value).TotalHours;
                    return $"No successful sync for {hours.ToString("0", CultureInfo.InvariantCulture)} hours (more than {Text.Hours(options.StaleSyncHours)}).";
                case TokenState.ExpiryUnknown:
                    return "Intune reports no expiry date for this token, so whether it has expired can't be told.";
            }
            // Healthy with a first sync still pending: the rules give that an Info NeverSynced, which is no problem yet.
            if (t.LastModifiedDateTime.HasValue && Array.Exists(findings, f => f.Code == HealthFindingCodes.NeverSynced))
                return $"The token is new and hasn't synced yet, which Intune does on its own. It turns NeverSynced if it still hasn't synced after {InvariantText.Utc(t.LastModifiedDateTime.Value + RuleContext.Hours(options.NeverSyncedGraceHours))}.";
            return "The token is valid and syncing.";
        }
    }
}
