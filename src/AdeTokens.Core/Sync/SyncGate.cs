using System;
namespace AdeTokens.Sync
{
    /// <summary>Whether a manual sync may be requested now.</summary>
    public sealed class SyncGate
    {
        internal SyncGate(bool allowed, DateTimeOffset? lastTriggered, DateTimeOffset? nextAllowedAt, TimeSpan wait)
        {
            Allowed = allowed;
            LastTriggered = lastTriggered;
            NextAllowedAt = nextAllowedAt;
            Wait = wait;
        }

        /// <summary>True when the interval since the last request has passed (or there was none).</summary>
        public bool Allowed { get; }
        /// <summary>When a sync was last requested; null when never.</summary>
        public DateTimeOffset? LastTriggered { get; }
        /// <summary>The earliest time the next manual sync is allowed; null when never synced.</summary>
        public DateTimeOffset? NextAllowedAt { get; }
        /// <summary>How long until then; zero when allowed.</summary>
        public TimeSpan Wait { get; }
    }
}
