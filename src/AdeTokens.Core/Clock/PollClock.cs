using System;
using System.Threading;
using System.Threading.Tasks;
namespace AdeTokens.Clock
{
    /// <summary>The time source of the wait loops, so xunit can run a 15-minute wait in microseconds.</summary>
    public interface IPollClock
    {
        /// <summary>Now.</summary>
        DateTimeOffset UtcNow { get; }

        /// <summary>Waits, honouring <paramref name="cancellationToken"/> (Ctrl+C).</summary>
        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }
}
