using System;
using System.Linq;
using AdeTokens.Health;

namespace AdeTokens.Sync
{
    /// <summary>Turns a finished sync into what the admin sees: the health finding and a one-line summary.</summary>
    public static class SyncReport
    {
        /// <summary>
        /// The SyncFailed finding Test-AdeTokenHealth would give <paramref name="status"/>, or null when the token
        /// reports no sync error. Built by the health evaluator, so both commands say the same thing.
        /// </summary>
        public static HealthFinding? FindingFor(TokenStatus status, DateTimeOffset asOf)
        {
            if (status is null) throw new ArgumentNullException(nameof(status));
            if ((status.LastSyncErrorCode ?? 0) == 0) return null;
            return HealthEvaluator.Evaluate(status, asOf).Findings.FirstOrDefault(f => f.Code == HealthFindingCodes.SyncFailed);
        }

        /// <summary>"error code 3 (most likely 'Terms and conditions not accepted')" style text; the mapping is evidence-graded in the catalogue.</summary>
        public static string DescribeError(int code)
        {
            var lookup = SyncErrorCatalog.Load().Lookup(code);
            return lookup.Error != null
                ? $"error code {code} (most likely '{lookup.Error.Message}')"
                : $"error code {code} (Microsoft does not document what it means)";
        }

        /// <summary>Warning text for a sync that finished with <paramref name="code"/>.</summary>
        public static string FailedWarning(PendingSync sync, int code)
        {
            if (sync is null) throw new ArgumentNullException(nameof(sync));
            return $"The sync of {sync.Label} finished with {DescribeError(code)}. The SyncFailed finding that follows says how to fix it.";
        }
    }
}
