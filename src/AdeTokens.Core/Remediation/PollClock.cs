using System;
using System.Threading;
using System.Threading.Tasks;

namespace AdeTokens.Remediation
{
    /// <summary>The time source of the wait loops, so xunit can run a 15-minute wait in microseconds.</summary>
    public interface IPollClock
    {
        /// <summary>Now.</summary>
        DateTimeOffset UtcNow { get; }

        /// <summary>Waits, honouring <paramref name="cancellationToken"/> (Ctrl+C).</summary>
        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }

    /// <summary>The real clock.</summary>
    public sealed class SystemPollClock : IPollClock
    {
        /// <summary>The one instance.</summary>
        public static readonly SystemPollClock Instance = new SystemPollClock();

        private SystemPollClock()
        {
        }

        /// <inheritdoc />
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

        /// <inheritdoc />
        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
            => delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
    }
}
