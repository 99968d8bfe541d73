using System;
using System.Threading;
using System.Threading.Tasks;
namespace AdeTokens.Clock
{
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
