using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
namespace AdeTokens.Sync
{
    /// <summary>Progress of one wait, for Write-Progress.</summary>
    public sealed class SyncWaitProgress
    {
        internal SyncWaitProgress(PendingSync sync, int index, TimeSpan elapsed, TimeSpan timeout, int polls)
        {
            Sync = sync;
            Index = index;
            Elapsed = elapsed;
            Timeout = timeout;
            Polls = polls;
        }

        /// <summary>What is being waited for.</summary>
        public PendingSync Sync { get; }
        /// <summary>Position in the list given to WaitAsync (a stable progress id).</summary>
        public int Index { get; }
        /// <summary>Time since the request.</summary>
        public TimeSpan Elapsed { get; }
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
