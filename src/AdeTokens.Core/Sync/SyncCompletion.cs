using System;
using AdeTokens.Graph.Models;
namespace AdeTokens.Sync
{
    /// <summary>
    /// Decides from two reads of a token whether a requested sync has finished. Graph has no sync status, so
    /// "finished" means lastSuccessfulSyncDateTime or lastSyncErrorCode changed (reference §3, inferred).
    /// </summary>
    public static class SyncCompletion
    {
        /// <summary>Succeeded, Failed, or null while nothing changed.</summary>
        public static SyncWaitState? Evaluate(DepOnboardingSetting before, DepOnboardingSetting after)
        {
            if (before is null) throw new ArgumentNullException(nameof(before));
            if (after is null) throw new ArgumentNullException(nameof(after));
            var successBefore = TokenStatusBuilder.Never(before.LastSuccessfulSyncDateTime);
            var successAfter = TokenStatusBuilder.Never(after.LastSuccessfulSyncDateTime);
            if (successAfter.HasValue && (!successBefore.HasValue || successAfter.Value > successBefore.Value))
                return SyncWaitState.Succeeded;
            var codeBefore = before.LastSyncErrorCode ?? 0;
            var codeAfter = after.LastSyncErrorCode ?? 0;
            if (codeAfter != codeBefore)
                return codeAfter == 0 ? SyncWaitState.Succeeded : SyncWaitState.Failed;
            return null;
        }
    }
}
