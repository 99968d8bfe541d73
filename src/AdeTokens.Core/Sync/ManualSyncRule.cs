using System;
using System.Globalization;
namespace AdeTokens.Sync
{
    /// <summary>
    /// Intune allows one manual sync per 15 minutes (reference §8). The rule is computed from the token's
    /// lastSyncTriggeredDateTime against this machine's clock: Graph's answer to a too-early request is not
    /// documented, so the module prefers not to send one.
    /// </summary>
    public static class ManualSyncRule
    {
        /// <summary>The documented interval between manual syncs.</summary>
        public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

        /// <summary>How long Intune gives one sync to finish (reference §8), the default -Wait timeout.</summary>
        public static readonly TimeSpan SyncDuration = TimeSpan.FromMinutes(15);

        /// <summary>Checks <paramref name="lastSyncTriggered"/> (Intune's "never" dates count as never) at <paramref name="now"/>.</summary>
        public static SyncGate Check(DateTimeOffset? lastSyncTriggered, DateTimeOffset now, TimeSpan? interval = null)
        {
            var span = interval ?? Interval;
            var last = TokenStatusBuilder.Never(lastSyncTriggered);
            if (!last.HasValue) return new SyncGate(true, null, null, TimeSpan.Zero);
            var next = last.Value + span;
            // A trigger time in the future (clock skew) still blocks until trigger + interval.
            return next <= now
                ? new SyncGate(true, last, next, TimeSpan.Zero)
                : new SyncGate(false, last, next, next - now);
        }

        /// <summary>SyncTooSoon for <paramref name="tokenLabel"/>: says when the next manual sync is allowed.</summary>
        public static RemediationException TooSoon(string tokenLabel, string tokenId, SyncGate gate)
        {
            if (gate is null) throw new ArgumentNullException(nameof(gate));
            return new RemediationException(RemediationErrorIds.SyncTooSoon, RemediationErrorKind.Busy,
                $"A sync of {tokenLabel} was requested at {InvariantText.UtcSeconds(gate.LastTriggered!.Value)}, less than {Interval.TotalMinutes:0} minutes ago. Intune allows one manual sync every {Interval.TotalMinutes:0} minutes; the next one is allowed at {InvariantText.UtcSeconds(gate.NextAllowedAt!.Value)} (in {Describe(gate.Wait)}). No sync was requested.",
                $"Run the command again after {InvariantText.UtcSeconds(gate.NextAllowedAt!.Value)}, or add -Force to send the request anyway (Intune may refuse it). The sync already requested may still be running: Get-AdeTokenStatus -Id {tokenId} shows its result.",
                tokenId);
        }

        /// <summary>"12 min 5 s" style text for messages.</summary>
        public static string Describe(TimeSpan span)
        {
            if (span < TimeSpan.Zero) span = TimeSpan.Zero;
            var seconds = (long)Math.Ceiling(span.TotalSeconds);
            var minutes = seconds / 60;
            var rest = seconds % 60;
            return minutes == 0
                ? string.Format(CultureInfo.InvariantCulture, "{0} s", rest)
                : string.Format(CultureInfo.InvariantCulture, "{0} min {1} s", minutes, rest);
        }
    }
}
