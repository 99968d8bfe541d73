using System;
using AdeTokens.Health;
namespace AdeTokens.Sync
{
    /// <summary>
    /// Decides whether a sync can help a token. Intune syncs through the server token, so an expired token
    /// fails every sync, and unaccepted Apple terms fail it until an Administrator accepts them in ABM/ASM.
    /// </summary>
    public static class SyncUsefulness
    {
        /// <summary>The blocker for <paramref name="status"/> at <paramref name="now"/>, or null when a sync may help.</summary>
        public static SyncBlocker? Check(TokenStatus status, DateTimeOffset now)
        {
            if (status is null) throw new ArgumentNullException(nameof(status));
            var expiry = TokenStatusBuilder.Never(status.ExpirationDateTime);
            var portal = PortalName(status.TokenType);
            if (expiry.HasValue && expiry.Value <= now)
            {
                return new SyncBlocker(HealthFindingCodes.TokenExpired,
                    $"the server token expired on {InvariantText.UtcSeconds(expiry.Value)} ({DayCount.Relative(DayCount.Between(now, expiry.Value))}), and Apple refuses every sync through it.",
                    $"Renew it with Start-AdeTokenRenewal -Id {status.Id}, which walks you through {portal}, uploads the new server token and then syncs.");
            }
            var code = status.LastSyncErrorCode ?? 0;
            if (code == 0) return null;
            var error = SyncErrorCatalog.Load().Lookup(code).Error;
            if (error is null) return null;
            switch (error.Id)
            {
                case "TermsAndConditionsNotAccepted":
                    return new SyncBlocker(HealthFindingCodes.SyncFailed,
                        $"the last sync failed with error code {code}, most likely '{error.Message}' (that meaning of the code is not confirmed by Microsoft).",
                        $"A user with the Administrator role must sign in to {portal} and accept the new terms; sync after that.");
                case "ExpiredOrInvalidToken":
                    return new SyncBlocker(HealthFindingCodes.SyncFailed,
                        $"the last sync failed with error code {code}, most likely '{error.Message}'.",
                        $"Renew the token with Start-AdeTokenRenewal -Id {status.Id}; a sync through the same server token fails again.");
                default:
                    return null;
            }
        }

        /// <summary>"Apple School Manager" for ASM tokens, otherwise "Apple Business Manager".</summary>
        public static string PortalName(string? tokenType)
            => string.Equals(TokenStatusBuilder.NormalizeTokenType(tokenType), "AppleSchoolManager", StringComparison.Ordinal)
                ? "Apple School Manager"
                : "Apple Business Manager";
    }
}
