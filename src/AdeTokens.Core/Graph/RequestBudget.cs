using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace AdeTokens.Graph
{
    /// <summary>
    /// Intune's throttling budget for one app in one tenant: at most <see cref="Limit"/> requests, and at most
    /// <see cref="WriteLimit"/> writes, in ANY sliding window of <see cref="Window"/> (reference §6: 1,000 and 100 per
    /// 20 s per app per tenant). A token bucket would let 1,000 through, refill, and let more through inside the
    /// same 20 s, so this keeps the send time of every request in the window and waits for the oldest to age out.
    /// </summary>
    /// <remarks>
    /// One instance per tenant and app per process (<see cref="For"/>), so every runspace of a
    /// ForEach-Object -Parallel loop over one tenant shares it, and different tenants never wait on each other.
    /// Retries and every request inside a $batch take a slot of their own.
    /// </remarks>
    public sealed class RequestBudget
    {
        /// <summary>Intune's documented limit: requests per app per tenant per window.</summary>
        public const int IntuneLimit = 1000;
        /// <summary>Intune's documented limit: POST/PUT/PATCH/DELETE per app per tenant per window.</summary>
        public const int IntuneWriteLimit = 100;
        /// <summary>Intune's documented window.</summary>
        public static readonly TimeSpan IntuneWindow = TimeSpan.FromSeconds(20);

        // The service counts a request when it arrives, we count it when we send it; the gap (queueing in the
        // handler chain, a busy thread pool) could put one request in two different windows. A small margin on
        // the window keeps our count at or above the service's.
        private static readonly TimeSpan s_margin = TimeSpan.FromMilliseconds(750);

        private static readonly ConcurrentDictionary<string, RequestBudget> s_budgets = new ConcurrentDictionary<string, RequestBudget>(StringComparer.OrdinalIgnoreCase);

        private readonly object _gate = new object();
        private readonly Queue<long> _sent = new Queue<long>();
        private readonly Queue<long> _writes = new Queue<long>();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly long _windowTicks;
        private long _pausedUntil;
        private double _factor = 1.0;
        private long _lastThrottleTicks = long.MinValue;
        private long _lastRecoverTicks;
        private long _totalSent;
        private long _throttled;

        /// <summary>Creates a budget. Use <see cref="For"/> to share one per tenant and app.</summary>
        public RequestBudget(string key, int limit, int writeLimit, TimeSpan window)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), "The budget must allow at least one request.");
            if (writeLimit < 1) throw new ArgumentOutOfRangeException(nameof(writeLimit), "The budget must allow at least one write.");
            if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window));
            Key = key;
            Limit = limit;
            WriteLimit = writeLimit;
            Window = window;
            _windowTicks = ToTicks(window + (window > TimeSpan.FromSeconds(5) ? s_margin : TimeSpan.FromTicks(window.Ticks / 20)));
        }

        /// <summary>tenant|app|host: what the service keys its own counter on.</summary>
        public string Key { get; }
        /// <summary>Requests allowed per window.</summary>
        public int Limit { get; }
        /// <summary>Writes allowed per window.</summary>
        public int WriteLimit { get; }
        /// <summary>The window.</summary>
        public TimeSpan Window { get; }
        /// <summary>Requests sent through this budget since it was created.</summary>
        public long TotalSent => Interlocked.Read(ref _totalSent);
        /// <summary>429 answers reported back to this budget.</summary>
        public long ThrottledCount => Interlocked.Read(ref _throttled);

        /// <summary>The share of <see cref="Limit"/> in force now: below 1 after 429s, creeping back while Graph stays quiet.</summary>
        public double CurrentFactor
        {
            get { lock (_gate) { Recover(_clock.ElapsedTicks); return _factor; } }
        }

        /// <summary>Requests sent in the last window.</summary>
        public int InWindow
        {
            get { lock (_gate) { Trim(_clock.ElapsedTicks); return _sent.Count; } }
        }

        /// <summary>
        /// The budget shared by every caller in this process for <paramref name="tenantId"/>, <paramref name="appId"/>
        /// and <paramref name="host"/>. The first caller's limits win; they are the same unless a caller lowers them.
        /// </summary>
        public static RequestBudget For(string? tenantId, string? appId, string host, int limit = IntuneLimit, int writeLimit = IntuneWriteLimit, TimeSpan? window = null)
        {
            var key = $"{tenantId ?? "unknown-tenant"}|{appId ?? "unknown-app"}|{host}";
            var w = window ?? IntuneWindow;
            return s_budgets.AddOrUpdate(key,
                k => new RequestBudget(k, limit, writeLimit, w),
                (k, existing) => existing.Limit == limit && existing.WriteLimit == writeLimit && existing.Window == w ? existing : new RequestBudget(k, limit, writeLimit, w));
        }

        /// <summary>Waits until <paramref name="count"/> requests (writes among them if <paramref name="write"/>) may be sent, then takes their slots.</summary>
        /// <returns>How long the caller waited.</returns>
        public async Task<TimeSpan> AcquireAsync(int count, bool write, CancellationToken cancellationToken)
        {
            if (count < 1) return TimeSpan.Zero;
            var started = _clock.ElapsedTicks;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long waitTicks;
                lock (_gate)
                {
                    var now = _clock.ElapsedTicks;
                    Trim(now);
                    Recover(now);
                    var limit = Math.Max(1, (int)(Limit * _factor));
                    var writeLimit = Math.Max(1, (int)(WriteLimit * _factor));
                    // A $batch larger than the whole (reduced) budget could never fit; let it through alone.
                    var need = Math.Min(count, limit);
                    if (now < _pausedUntil)
                    {
                        waitTicks = _pausedUntil - now;
                    }
                    else if (_sent.Count + need > limit)
                    {
                        waitTicks = OldestExpiry(_sent, _sent.Count + need - limit) - now;
                    }
                    else if (write && _writes.Count + 1 > writeLimit)
                    {
                        waitTicks = OldestExpiry(_writes, _writes.Count + 1 - writeLimit) - now;
                    }
                    else
                    {
                        for (var i = 0; i < count; i++) _sent.Enqueue(now);
                        if (write) _writes.Enqueue(now);
                        Interlocked.Add(ref _totalSent, count);
                        return FromTicks(now - started);
                    }
                }
                // Wake a little after the slot frees; never spin.
                var delay = FromTicks(Math.Max(waitTicks, 0)) + TimeSpan.FromMilliseconds(5);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Graph answered 429 even so: someone else shares this app's budget, or the service counts differently.
        /// Honour Retry-After for everyone on this budget, and send less for a while.
        /// </summary>
        public void ReportThrottled(TimeSpan? retryAfter)
        {
            Interlocked.Increment(ref _throttled);
            lock (_gate)
            {
                var now = _clock.ElapsedTicks;
                if (retryAfter is { } ra && ra > TimeSpan.Zero)
                {
                    var until = now + ToTicks(ra);
                    if (until > _pausedUntil) _pausedUntil = until;
                }
                // One step down per short burst of 429s, not one per request that was in flight.
                if (_lastThrottleTicks == long.MinValue || now - _lastThrottleTicks > ToTicks(TimeSpan.FromSeconds(1)))
                {
                    _factor = Math.Max(0.25, _factor * 0.8);
                    _lastThrottleTicks = now;
                    _lastRecoverTicks = now;
                }
            }
        }

        /// <inheritdoc />
        public override string ToString() => $"{Key}: {InWindow}/{Limit} in the last {Window.TotalSeconds:0} s";

        private void Trim(long now)
        {
            while (_sent.Count > 0 && now - _sent.Peek() >= _windowTicks) _sent.Dequeue();
            while (_writes.Count > 0 && now - _writes.Peek() >= _windowTicks) _writes.Dequeue();
        }

        // Back to the full budget a tenth at a time, one step per quiet window.
        private void Recover(long now)
        {
            if (_factor >= 1.0 || _lastThrottleTicks == long.MinValue) return;
            var quietWindows = (now - _lastRecoverTicks) / _windowTicks;
            if (quietWindows <= 0) return;
            _factor = Math.Min(1.0, _factor + 0.1 * quietWindows);
            _lastRecoverTicks = now;
        }

        // When the n-th oldest entry leaves the window.
        private long OldestExpiry(Queue<long> q, int n)
        {
            long at = 0;
            var i = 0;
            foreach (var t in q)
            {
                at = t;
                if (++i >= n) break;
            }
            return at + _windowTicks;
        }

        private static long ToTicks(TimeSpan t) => (long)(t.TotalSeconds * Stopwatch.Frequency);

        private static TimeSpan FromTicks(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);
    }
}
