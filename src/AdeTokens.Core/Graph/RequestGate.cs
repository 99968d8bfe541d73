using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;

namespace AdeTokens.Graph
{
    /// <summary>
    /// At most <see cref="Limit"/> of one run's requests on the wire at once. It travels with each request as a
    /// Kiota request option (PageIterator's next-page requests included), and the <see cref="ResilienceHandler"/>
    /// holds a slot for each attempt from before it is sent until its body has been read. A page being parsed, a
    /// request waiting out a Retry-After or a transport backoff, and a request waiting for Intune's budget before it
    /// has a slot, hold none.
    /// </summary>
    public sealed class RequestGate : IRequestOption, IDisposable
    {
        private readonly SemaphoreSlim _slots;

        /// <summary>Creates a gate of <paramref name="limit"/> slots.</summary>
        public RequestGate(int limit)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), "A request gate needs at least one slot.");
            Limit = limit;
            _slots = new SemaphoreSlim(limit, limit);
        }

        /// <summary>How many requests may be on the wire at once.</summary>
        public int Limit { get; }

        /// <summary>How many slots are free now.</summary>
        public int Free => _slots.CurrentCount;

        internal Task EnterAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

        internal void Leave() => _slots.Release();

        /// <inheritdoc />
        public void Dispose() => _slots.Dispose();
    }
}
