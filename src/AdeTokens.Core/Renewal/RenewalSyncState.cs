namespace AdeTokens
{
    /// <summary>What happened to the sync after a renewal.</summary>
    public enum RenewalSyncState : long
    {
        /// <summary>No sync was requested (Update-AdeToken).</summary>
        NotRequested,
        /// <summary>A sync was requested less than 15 minutes ago, so none was sent.</summary>
        TooSoon,
        /// <summary>Requested and finished successfully.</summary>
        Succeeded,
        /// <summary>Requested and finished with an error code.</summary>
        Failed,
        /// <summary>Requested, but no result within the wait.</summary>
        TimedOut,
        /// <summary>The request itself failed.</summary>
        RequestFailed,
    }
}
