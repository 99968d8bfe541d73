using System;
using AdeTokens.Graph.Models;
namespace AdeTokens.Sync
{
    /// <summary>The end of one wait.</summary>
    public sealed class SyncWaitOutcome : SyncWaitPoint
    {
        internal SyncWaitOutcome(PendingSync sync, int index, SyncWaitState state, DepOnboardingSetting? after, TimeSpan elapsed, Exception? error)
            : base(sync, index, elapsed)
        {
            State = state;
            After = after;
            Error = error;
        }

        /// <summary>How it ended.</summary>
        public SyncWaitState State { get; }
        /// <summary>The token as last read (null when it could not be read).</summary>
        public DepOnboardingSetting? After { get; }
        /// <summary>The read failure for ReadFailed.</summary>
        public Exception? Error { get; }

        /// <summary>The error code the sync ended with, when it is a new non-zero one.</summary>
        public int? NewErrorCode => State == SyncWaitState.Failed ? After?.LastSyncErrorCode : null;

        /// <summary>
        /// True when the token already had a non-zero error code before the request and still has the same one:
        /// Graph then gives no sign whether the sync ran again and failed the same way.
        /// </summary>
        public bool ErrorCodeUnchanged
        {
            get
            {
                var before = Sync.Before.LastSyncErrorCode ?? 0;
                var after = After?.LastSyncErrorCode ?? before;
                return before != 0 && before == after;
            }
        }

        /// <summary>Explains a TimedOut / TokenGone / ReadFailed outcome in one or two sentences.</summary>
        public string Describe(TimeSpan timeout)
        {
            switch (State)
            {
                case SyncWaitState.Succeeded:
                    return $"The sync of {Sync.Label} finished successfully after {ManualSyncRule.Describe(Elapsed)}.";
                case SyncWaitState.Failed:
                    return $"The sync of {Sync.Label} finished with error code {NewErrorCode} after {ManualSyncRule.Describe(Elapsed)}.";
                case SyncWaitState.TokenGone:
                    return $"{Sync.Label} was deleted while waiting for its sync.";
                case SyncWaitState.ReadFailed:
                    return $"{Sync.Label} could not be read while waiting for its sync: {Error?.Message}";
                default:
                    var text = $"The sync of {Sync.Label} requested at {InvariantText.UtcSeconds(Sync.RequestedAt)} reported no result within {ManualSyncRule.Describe(timeout)}: lastSuccessfulSyncDateTime and lastSyncErrorCode did not change.";
                    if (ErrorCodeUnchanged)
                        text += $" The token still reports error code {Sync.Before.LastSyncErrorCode} from before the request; Graph gives no sign whether the sync ran again and failed the same way.";
                    return text;
            }
        }
    }
}
