
namespace AdeTokens
{
    /// <summary>
    /// The single state Get-AdeTokenStatus reports. Each one but Healthy is an expiry or sync finding of
    /// Test-AdeTokenHealth; the numbers are part of the contract, so new states go at the end.
    /// </summary>
    public enum TokenState : long
    {
        /// <summary>Nothing wrong.</summary>
        Healthy,
        /// <summary>Expires within the warning window.</summary>
        ExpiringSoon,
        /// <summary>The expiry date has passed: ADE sync and new enrollments stop.</summary>
        Expired,
        /// <summary>The last sync reported an error code.</summary>
        SyncFailed,
        /// <summary>No successful sync for longer than the stale window.</summary>
        SyncStale,
        /// <summary>The token has never synced (and is past its grace period, or its age is unknown).</summary>
        NeverSynced,
        /// <summary>Intune reports no expiry date, so expiry can't be watched.</summary>
        ExpiryUnknown,
    }
}
