using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Clock;
namespace AdeTokens.Sync
{
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
