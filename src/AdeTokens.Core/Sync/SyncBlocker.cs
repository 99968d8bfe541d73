namespace AdeTokens.Sync
{
    /// <summary>A reason a sync cannot make a token healthy, with the fix that can.</summary>
    public sealed class SyncBlocker
    {
        internal SyncBlocker(string findingCode, string problem, string fix)
        {
            FindingCode = findingCode;
            Problem = problem;
            Fix = fix;
        }

        /// <summary>The health finding a sync cannot clear (TokenExpired, SyncFailed).</summary>
        public string FindingCode { get; }
        /// <summary>What is wrong, in one sentence.</summary>
        public string Problem { get; }
        /// <summary>The real fix.</summary>
        public string Fix { get; }

        /// <summary>The warning Sync-AdeToken writes before requesting a sync of <paramref name="label"/>.</summary>
        public string Warning(string label, bool waiting)
            => $"A sync can't fix {label}: {FindingCode}: {Problem} {Fix}" + (waiting ? " Not waiting for this sync; add -WaitAll to wait anyway." : string.Empty);
    }
}
