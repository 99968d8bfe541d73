namespace AdeTokens.Sync
{
    /// <summary>How a waited-for sync ended.</summary>
    public enum SyncWaitState : long
    {
        /// <summary>lastSuccessfulSyncDateTime moved forward (or the error code cleared).</summary>
        Succeeded,
        /// <summary>lastSyncErrorCode changed to a non-zero value.</summary>
        Failed,
        /// <summary>Nothing changed within the timeout.</summary>
        TimedOut,
        /// <summary>The token was deleted meanwhile (404).</summary>
        TokenGone,
        /// <summary>The token could not be read several times in a row.</summary>
        ReadFailed,
    }
}
