using System;
using System.IO;
using System.Net.Http;
using System.Threading;

namespace AdeTokens.Http
{
    /// <summary>
    /// Whether an HTTP call the module makes is sent again, and how long it waits first. The one place that says
    /// which answers and failures are transient, how many attempts there are, the backoff, how Retry-After is read and
    /// how long a call may wait in all. Graph takes it through <c>GraphResilienceOptions</c> (the Graph client's
    /// RetryHandler, <c>ResilienceHandler</c>'s transport retries, the JSON batch items); the Teams webhook through
    /// <c>WebhookSender</c>.
    /// </summary>
    public sealed class RetryPolicy
    {
        private static readonly ThreadLocal<Random> s_random = new ThreadLocal<Random>(() => new Random(Guid.NewGuid().GetHashCode()));

        /// <summary>Creates a policy.</summary>
        /// <param name="maxRetries">Retries after the first attempt.</param>
        /// <param name="baseDelay">The first wait when the answer names none; it doubles per retry.</param>
        /// <param name="maxDelay">The longest single wait. A Retry-After asking for more ends the attempts.</param>
        /// <param name="totalWaitLimit">The most all waits of one call add up to.</param>
        /// <param name="duplicateIsHarmless">Whether the request may be sent again when it may already have been processed.</param>
        public RetryPolicy(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan totalWaitLimit, bool duplicateIsHarmless)
        {
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries));
            MaxRetries = maxRetries;
            BaseDelay = baseDelay < TimeSpan.Zero ? TimeSpan.Zero : baseDelay;
            MaxDelay = maxDelay;
            TotalWaitLimit = totalWaitLimit;
            DuplicateIsHarmless = duplicateIsHarmless;
        }

        /// <summary>Retries after the first attempt.</summary>
        public int MaxRetries { get; }
        /// <summary>The first wait without a Retry-After; doubles per retry.</summary>
        public TimeSpan BaseDelay { get; }
        /// <summary>The longest single wait, Retry-After included.</summary>
        public TimeSpan MaxDelay { get; }
        /// <summary>The most all waits of one call add up to.</summary>
        public TimeSpan TotalWaitLimit { get; }
        /// <summary>
        /// Whether a second copy of the request does no harm, so it may be sent again after an answer or a failure
        /// that leaves open whether the first was processed (a 500, a reset connection, a timeout).
        /// </summary>
        public bool DuplicateIsHarmless { get; }

        /// <summary>
        /// Whether an answer with <paramref name="status"/> is worth another attempt. 429 and 503 say the request
        /// was not processed (RFC 6585 §4, RFC 9110 §15.6.4), so any request, a POST included, may go again; 504 is
        /// in Graph's own retry guidance and the Graph client's default set. Other 5xx may come after part of the work
        /// was done, so only a request whose duplicate is harmless goes again. Never a 4xx but 429.
        /// </summary>
        public bool IsTransient(int status)
            => status == 429 || status == 503 || status == 504 || (DuplicateIsHarmless && status >= 500 && status < 600);

        /// <summary>
        /// Whether a request that failed in transit with <paramref name="failure"/> may be sent again:
        /// the failure is transient, and either the request is <paramref name="idempotent"/> or a duplicate is harmless.
        /// </summary>
        public bool MayResend(Exception failure, bool idempotent) => IsTransient(failure) && (idempotent || DuplicateIsHarmless);

        /// <summary>A failure in transit (reset, refused, cut short, timed out) rather than a bug or a refusal.</summary>
        public static bool IsTransient(Exception e)
            => e is HttpRequestException || e is IOException || e is OperationCanceledException || e is ObjectDisposedException
               || (e.InnerException != null && IsTransient(e.InnerException));

        /// <summary>The wait before retry <paramref name="retry"/> (1-based) after an answer without Retry-After: BaseDelay·2^(retry-1), at most MaxDelay.</summary>
        public TimeSpan Backoff(int retry)
            => TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1))));

        /// <summary>
        /// The wait before retry <paramref name="retry"/> after a failure in transit: full jitter, uniform in
        /// [0, <see cref="Backoff"/>], so clients that lost the same connection do not all come back at once.
        /// </summary>
        public TimeSpan JitteredBackoff(int retry) => TimeSpan.FromMilliseconds(s_random.Value!.NextDouble() * Backoff(retry).TotalMilliseconds);

        /// <summary>
        /// The wait before retry <paramref name="retry"/> (1-based), or null when the attempts end: all retries
        /// spent, a <paramref name="retryAfter"/> longer than <see cref="MaxDelay"/>, or a wait that would take the
        /// call past <see cref="TotalWaitLimit"/> (<paramref name="waited"/> is what it has waited so far).
        /// </summary>
        public TimeSpan? NextWait(int retry, TimeSpan? retryAfter, TimeSpan waited, bool jitter = false)
        {
            if (retry > MaxRetries) return null;
            if (retryAfter > MaxDelay) return null;
            var wait = retryAfter ?? (jitter ? JitteredBackoff(retry) : Backoff(retry));
            return waited + wait > TotalWaitLimit ? (TimeSpan?)null : wait;
        }

        /// <summary>Retry-After as a delay (delta seconds or an HTTP date, never negative); null when absent.</summary>
        public static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var h = response?.Headers.RetryAfter;
            if (h is null) return null;
            var d = h.Delta ?? (h.Date.HasValue ? h.Date.Value - DateTimeOffset.UtcNow : (TimeSpan?)null);
            return d < TimeSpan.Zero ? TimeSpan.Zero : d;
        }

        /// <summary>
        /// The Teams webhook: two retries, 1 s then 2 s without a Retry-After, at most 60 s per wait. A workflow
        /// trigger that answers 429 or 503 has not run the flow; after another 5xx or a lost connection it may have,
        /// and the webhook is sent again all the same: the worst case is the same card twice in the channel, while
        /// giving up loses the alert the runbook exists to send.
        /// </summary>
        public static RetryPolicy Webhook => new RetryPolicy(2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2), duplicateIsHarmless: true);
    }
}
