using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Clock;

namespace AdeTokens.Renewal
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

        /// <summary>
        /// Waits in <paramref name="folder"/> for a non-empty file matching <paramref name="matches"/> that was not
        /// there, or not at that write time, when the wait began (<paramref name="before"/>, from
        /// <see cref="Snapshot"/>), and returns the newest such file once its size has settled; null on timeout.
        /// Apple's file names carry a timestamp, so the admin can give a wildcard or a folder instead of a name.
        /// </summary>
        public async Task<string?> WaitForNewestAsync(string folder, Func<string, bool> matches, IReadOnlyDictionary<string, DateTime> before, Action<TimeSpan>? onProgress, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(folder)) throw new ArgumentException("The folder is empty.", nameof(folder));
            if (matches is null) throw new ArgumentNullException(nameof(matches));
            if (before is null) throw new ArgumentNullException(nameof(before));
            var start = _clock.UtcNow;
            (string Path, long Length, DateTime Written)? candidate = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var seen = Newest(folder, matches, before);
                if (seen.HasValue && candidate.HasValue && seen.Value == candidate.Value) return seen.Value.Path;
                candidate = seen;

                var elapsed = _clock.UtcNow - start;
                onProgress?.Invoke(elapsed);
                if (elapsed >= Timeout) return null;
                var remaining = Timeout - elapsed;
                var delay = candidate.HasValue ? SettleInterval : PollInterval;
                await _clock.Delay(delay < remaining ? delay : remaining, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The matching files in <paramref name="folder"/> now, with their write times: the "before" of a wait.</summary>
        public static IReadOnlyDictionary<string, DateTime> Snapshot(string folder, Func<string, bool> matches)
        {
            var result = new Dictionary<string, DateTime>(StringComparer.Ordinal);
            foreach (var f in Files(folder, matches)) result[f.FullName] = f.LastWriteTimeUtc;
            return result;
        }

        private static (string Path, long Length, DateTime Written)? Newest(string folder, Func<string, bool> matches, IReadOnlyDictionary<string, DateTime> before)
        {
            (string Path, long Length, DateTime Written)? best = null;
            foreach (var f in Files(folder, matches))
            {
                try
                {
                    if (f.Length == 0) continue;
                    if (before.TryGetValue(f.FullName, out var old) && f.LastWriteTimeUtc <= old) continue;
                    if (best is null || f.LastWriteTimeUtc > best.Value.Written) best = (f.FullName, f.Length, f.LastWriteTimeUtc);
                }
                catch (IOException)
                {
                    // Being written or renamed right now (browsers save under a temporary name, then rename): look again next time.
                }
            }
            return best;
        }

        private static List<FileInfo> Files(string folder, Func<string, bool> matches)
        {
            var list = new List<FileInfo>();
            try
            {
                var dir = new DirectoryInfo(folder);
                if (!dir.Exists) return list;
                foreach (var f in dir.EnumerateFiles())
                {
                    if (matches(f.Name)) list.Add(f);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
            return list;
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
