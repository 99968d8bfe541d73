using System;

namespace AdeTokens.Sync
{
    /// <summary>What a progress report and the end of a wait both say: which sync, where in the list, how long since the request.</summary>
    public abstract class SyncWaitPoint
    {
        private protected SyncWaitPoint(PendingSync sync, int index, TimeSpan elapsed)
        {
            Sync = sync;
            Index = index;
            Elapsed = elapsed;
        }

        /// <summary>What is waited for.</summary>
        public PendingSync Sync { get; }
        /// <summary>Position in the list given to WaitAsync: a stable progress id, the same in progress and outcome.</summary>
        public int Index { get; }
        /// <summary>Time since the request.</summary>
        public TimeSpan Elapsed { get; }
    }
}
