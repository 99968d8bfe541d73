using System;
namespace AdeTokens.Sync
{
    /// <summary>Progress of one wait, for Write-Progress.</summary>
    public sealed class SyncWaitProgress : SyncWaitPoint
    {
        internal SyncWaitProgress(PendingSync sync, int index, TimeSpan elapsed, TimeSpan timeout, int polls)
            : base(sync, index, elapsed)
        {
            Timeout = timeout;
            Polls = polls;
        }

        /// <summary>The timeout.</summary>
        public TimeSpan Timeout { get; }
        /// <summary>Reads so far.</summary>
        public int Polls { get; }
        /// <summary>0-100.</summary>
        public int PercentComplete => Timeout <= TimeSpan.Zero ? 100 : (int)Math.Min(100, Math.Max(0, Elapsed.TotalMilliseconds * 100 / Timeout.TotalMilliseconds));
        /// <summary>Seconds until the timeout.</summary>
        public int SecondsRemaining => (int)Math.Max(0, Math.Ceiling((Timeout - Elapsed).TotalSeconds));
    }
}
