using System;

namespace AdeTokens.Sync
{
    /// <summary>
    /// What a finished sync wait comes to: the token's status with the words around it, or the error it ended in.
    /// Sync-AdeToken writes the parts in order: Verbose, Status, Warning, Finding.
    /// </summary>
    public sealed class SyncConclusion
    {
        /// <summary>The token after the sync (Succeeded or Failed); null when the wait ended in <see cref="Error"/>.</summary>
        public TokenStatus? Status { get; private set; }
        /// <summary>How the wait ended, for -Verbose.</summary>
        public string? Verbose { get; private set; }
        /// <summary>The warning of a failed sync.</summary>
        public string? Warning { get; private set; }
        /// <summary>The finding that explains a failed sync's error code, when the catalogue knows it.</summary>
        public HealthFinding? Finding { get; private set; }
        /// <summary>TokenNotFound, SyncWaitTimedOut, or the read failure; its target is the token id.</summary>
        public AdeException? Error { get; private set; }

        /// <summary>Concludes <paramref name="outcome"/>; <paramref name="status"/> builds the token's status as of <paramref name="now"/>.</summary>
        public static SyncConclusion Of(SyncWaitOutcome outcome, TimeSpan timeout, DateTimeOffset now, Func<Graph.Models.DepOnboardingSetting, DateTimeOffset, TokenStatus> status)
        {
            if (outcome is null) throw new ArgumentNullException(nameof(outcome));
            switch (outcome.State)
            {
                case SyncWaitState.Succeeded:
                case SyncWaitState.Failed:
                    var after = status(outcome.After!, now);
                    var failed = outcome.State == SyncWaitState.Failed;
                    return new SyncConclusion
                    {
                        Status = after,
                        Verbose = outcome.Describe(timeout),
                        Warning = failed ? SyncReport.FailedWarning(outcome.Sync, outcome.NewErrorCode ?? 0) : null,
                        Finding = failed ? SyncReport.FindingFor(after, now) : null,
                    };
                case SyncWaitState.TokenGone:
                    return new SyncConclusion { Error = RemediationException.TokenNotFound(outcome.Sync.TokenId) };
                case SyncWaitState.ReadFailed:
                    return new SyncConclusion { Error = SyncService.ReadFailed(outcome, timeout) };
                default:
                    return new SyncConclusion { Error = SyncService.TimedOut(outcome, timeout) };
            }
        }
    }
}
