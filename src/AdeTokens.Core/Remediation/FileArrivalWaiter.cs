using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AdeTokens.Remediation
{
    /// <summary>
    /// Waits for a file to appear (the .p7m the admin downloads from Apple Business Manager). A file that
    /// already existed counts only once it is rewritten, and a file counts only once its size stops changing,
    /// so a half-written download is never read.
    /// </summary>
    public sealed class FileArrivalWaiter
    {
        private readonly IPollClock _clock;

        /// <summary>Creates the waiter.</summary>
        public FileArrivalWaiter(IPollClock? clock = null)
        {
            _clock = clock ?? SystemPollClock.Instance;
        }

        /// <summary>How long to wait (default 30 minutes).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>Time between checks (default 5 s).</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Time between the two looks that prove the size is stable (default 500 ms).</summary>
        public TimeSpan SettleInterval { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>
        /// True once <paramref name="path"/> holds a non-empty file written after <paramref name="existingWriteTimeUtc"/>
        /// (null when there was no file at the start); false on timeout.
        /// </summary>
        /// <param name="path">Full path of the file.</param>
        /// <param name="existingWriteTimeUtc">Last write time of a file that was already there, or null.</param>
        /// <param name="onProgress">Called with the elapsed time after each look.</param>
        /// <param name="cancellationToken">Ctrl+C.</param>
        public async Task<bool> WaitAsync(string path, DateTime? existingWriteTimeUtc, Action<TimeSpan>? onProgress, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("The path is empty.", nameof(path));
            var start = _clock.UtcNow;
            (long Length, DateTime Written)? candidate = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var seen = Look(path, existingWriteTimeUtc);
                if (seen.HasValue && candidate.HasValue && seen.Value == candidate.Value) return true;
                candidate = seen;

                var elapsed = _clock.UtcNow - start;
                onProgress?.Invoke(elapsed);
                if (elapsed >= Timeout) return false;
                var remaining = Timeout - elapsed;
                var delay = candidate.HasValue ? SettleInterval : PollInterval;
                await _clock.Delay(delay < remaining ? delay : remaining, cancellationToken).ConfigureAwait(false);
            }
        }

        private static (long, DateTime)? Look(string path, DateTime? existingWriteTimeUtc)
        {
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists || info.Length == 0) return null;
                var written = info.LastWriteTimeUtc;
                if (existingWriteTimeUtc.HasValue && written <= existingWriteTimeUtc.Value) return null;
                return (info.Length, written);
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
