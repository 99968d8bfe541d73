using System.Threading;

namespace AdeTokens
{
    // Counts the exchanges DiagnosticsHandler reports during one RunAsync, for a one-line summary.
    internal sealed class RequestTally
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private int _total;
        private int _retries;
        private int _failed;

        public int Total => Volatile.Read(ref _total);

        public void Count(string line)
        {
            Interlocked.Increment(ref _total);
            if (line.Contains("(retry ")) Interlocked.Increment(ref _retries);
            if (line.Contains(" -> 429") || line.Contains(" -> 5") || line.Contains("Exception")) Interlocked.Increment(ref _failed);
        }

        public string Summary()
            => string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "{0} Graph request(s) in {1:0.0} s; {2} retried, {3} answered with throttling, a server error or no answer.",
                Total, _clock.Elapsed.TotalSeconds, Volatile.Read(ref _retries), Volatile.Read(ref _failed));
    }
}
