using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;

namespace AdeTokens.Remediation
{
    /// <summary>A sync that was requested and is being waited for.</summary>
    public sealed class PendingSync
    {
        /// <summary>Creates the entry from the token as it was read just before the request.</summary>
        public PendingSync(DepOnboardingSetting before, DateTimeOffset requestedAt)
        {
            Before = before ?? throw new ArgumentNullException(nameof(before));
            RequestedAt = requestedAt;
        }

        /// <summary>The token id.</summary>
        public string TokenId => Before.Id ?? string.Empty;
        /// <summary>The token name.</summary>
        public string? TokenName => Before.TokenName;
        /// <summary>The token before the sync request: the baseline for "changed".</summary>
        public DepOnboardingSetting Before { get; }
        /// <summary>When the request was sent (local clock).</summary>
        public DateTimeOffset RequestedAt { get; }
        /// <summary>"'Name' (id)" for messages.</summary>
        public string Label => string.IsNullOrWhiteSpace(TokenName) ? $"ADE token {TokenId}" : $"ADE token '{TokenName}' ({TokenId})";
    }

    /// <summary>How a waited-for sync ended.</summary>
    public enum SyncWaitState : long
    {
        /// <summary>lastSuccessfulSyncDateTime moved forward (or the error code cleared).</summary>
        Succeeded,
        /// <summary>lastSyncErrorCode changed to a non-zero value.</summary>
        Failed,
        /// <summary>Nothing changed within the timeout.</summary>
        TimedOut,
        /// <summary>The token was deleted meanwhile (404).</summary>
        TokenGone,
        /// <summary>The token could not be read several times in a row.</summary>
        ReadFailed,
    }

    /// <summary>The end of one wait.</summary>
    public sealed class SyncWaitOutcome
    {
        internal SyncWaitOutcome(PendingSync sync, int index, SyncWaitState state, DepOnboardingSetting? after, TimeSpan elapsed, Exception? error)
        {
            Sync = sync;
            Index = index;
            State = state;
            After = after;
            Elapsed = elapsed;
            Error = error;
        }

        /// <summary>What was waited for.</summary>
        public PendingSync Sync { get; }
        /// <summary>Position in the list given to WaitAsync (matches SyncWaitProgress.Index).</summary>
        public int Index { get; }
        /// <summary>How it ended.</summary>
        public SyncWaitState State { get; }
        /// <summary>The token as last read (null when it could not be read).</summary>
        public DepOnboardingSetting? After { get; }
        /// <summary>Time from the request to the end of the wait.</summary>
        public TimeSpan Elapsed { get; }
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
                    var text = $"The sync of {Sync.Label} requested at {ManualSyncRule.Utc(Sync.RequestedAt)} reported no result within {ManualSyncRule.Describe(timeout)}: lastSuccessfulSyncDateTime and lastSyncErrorCode did not change.";
                    if (ErrorCodeUnchanged)
                        text += $" The token still reports error code {Sync.Before.LastSyncErrorCode} from before the request; Graph gives no sign whether the sync ran again and failed the same way.";
                    return text;
            }
        }
    }

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

    /// <summary>
    /// Polls requested syncs until each finishes or times out. Several tokens are waited for together, so
    /// syncing five tokens takes one sync's time, not five.
    /// </summary>
    public sealed class SyncWaiter
    {
        /// <summary>Consecutive read failures tolerated before giving up on one token (the Graph client already retries 429/503).</summary>
        public const int MaxConsecutiveReadFailures = 3;

        private readonly Func<string, CancellationToken, Task<DepOnboardingSetting?>> _read;
        private readonly Func<CancellationToken, Task<IReadOnlyList<DepOnboardingSetting>>>? _list;
        private readonly IPollClock _clock;

        /// <summary>Creates the waiter over a token reader (usually AdeGraphService.GetTokenAsync).</summary>
        /// <param name="read">Reads one token; used when only one sync is still open.</param>
        /// <param name="clock">The clock; null for the system clock.</param>
        /// <param name="list">
        /// Lists every token; when given, a poll with two or more open syncs costs one list call instead of
        /// one read per token, so waiting for 50 tokens does not spend 50 requests of Intune's budget per poll.
        /// </param>
        public SyncWaiter(Func<string, CancellationToken, Task<DepOnboardingSetting?>> read, IPollClock? clock = null, Func<CancellationToken, Task<IReadOnlyList<DepOnboardingSetting>>>? list = null)
        {
            _read = read ?? throw new ArgumentNullException(nameof(read));
            _list = list;
            _clock = clock ?? SystemPollClock.Instance;
        }

        /// <summary>How long to wait per sync, from its request (default 15 minutes, the time Intune gives a sync).</summary>
        public TimeSpan Timeout { get; set; } = ManualSyncRule.SyncDuration;

        /// <summary>Time between reads (default 10 s).</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Waits for every sync; each outcome is reported through <paramref name="onCompleted"/> as soon as it is known.</summary>
        public async Task WaitAsync(IReadOnlyList<PendingSync> syncs, Action<SyncWaitProgress>? onProgress, Action<SyncWaitOutcome> onCompleted, CancellationToken cancellationToken)
        {
            if (syncs is null) throw new ArgumentNullException(nameof(syncs));
            if (onCompleted is null) throw new ArgumentNullException(nameof(onCompleted));
            if (PollInterval <= TimeSpan.Zero) throw new InvalidOperationException("PollInterval must be positive.");
            var open = syncs.Select((s, i) => new Entry(s, i)).ToList();
            foreach (var e in open) onProgress?.Invoke(new SyncWaitProgress(e.Sync, e.Index, Elapsed(e), Timeout, 0));
            while (open.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Never sleep past the nearest deadline, so a timeout is reported on time.
                var nearest = open.Min(e => Timeout - Elapsed(e));
                var delay = nearest < PollInterval ? nearest : PollInterval;
                await _clock.Delay(delay, cancellationToken).ConfigureAwait(false);

                Dictionary<string, DepOnboardingSetting>? listed = null;
                AdeGraphException? listFailure = null;
                if (_list != null && open.Count > 1)
                {
                    try
                    {
                        listed = new Dictionary<string, DepOnboardingSetting>(StringComparer.OrdinalIgnoreCase);
                        foreach (var t in await _list(cancellationToken).ConfigureAwait(false))
                        {
                            if (!string.IsNullOrEmpty(t.Id)) listed[t.Id!] = t;
                        }
                    }
                    catch (AdeGraphException ex)
                    {
                        listFailure = ex;
                    }
                }

                foreach (var e in open.ToList())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var outcome = listed != null || listFailure != null
                        ? Observe(e, listFailure, listFailure is null ? (listed!.TryGetValue(e.Sync.TokenId, out var t) ? t : null) : null)
                        : await PollAsync(e, cancellationToken).ConfigureAwait(false);
                    if (outcome != null)
                    {
                        open.Remove(e);
                        onCompleted(outcome);
                    }
                    else
                    {
                        onProgress?.Invoke(new SyncWaitProgress(e.Sync, e.Index, Elapsed(e), Timeout, e.Polls));
                    }
                }
            }
        }

        private async Task<SyncWaitOutcome?> PollAsync(Entry e, CancellationToken cancellationToken)
        {
            try
            {
                return Observe(e, null, await _read(e.Sync.TokenId, cancellationToken).ConfigureAwait(false));
            }
            catch (AdeGraphException ex)
            {
                return Observe(e, ex, null);
            }
        }

        // One look at one token, from its own read or from the shared list; failure is the read's or the list's.
        private SyncWaitOutcome? Observe(Entry e, AdeGraphException? failure, DepOnboardingSetting? now)
        {
            e.Polls++;
            if (failure != null)
            {
                e.Failures++;
                if (e.Failures >= MaxConsecutiveReadFailures)
                    return new SyncWaitOutcome(e.Sync, e.Index, SyncWaitState.ReadFailed, e.Last, Elapsed(e), failure);
                return TimedOut(e);
            }
            e.Failures = 0;
            if (now is null) return new SyncWaitOutcome(e.Sync, e.Index, SyncWaitState.TokenGone, null, Elapsed(e), null);
            e.Last = now;
            var state = SyncCompletion.Evaluate(e.Sync.Before, now);
            if (state.HasValue) return new SyncWaitOutcome(e.Sync, e.Index, state.Value, now, Elapsed(e), null);
            return TimedOut(e);
        }

        private SyncWaitOutcome? TimedOut(Entry e)
            => Elapsed(e) >= Timeout ? new SyncWaitOutcome(e.Sync, e.Index, SyncWaitState.TimedOut, e.Last, Elapsed(e), null) : null;

        private TimeSpan Elapsed(Entry e)
        {
            var elapsed = _clock.UtcNow - e.Sync.RequestedAt;
            return elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
        }

        private sealed class Entry
        {
            public Entry(PendingSync sync, int index)
            {
                Sync = sync;
                Index = index;
            }

            public PendingSync Sync { get; }
            public int Index { get; }
            public int Polls { get; set; }
            public int Failures { get; set; }
            public DepOnboardingSetting? Last { get; set; }
        }
    }
}
