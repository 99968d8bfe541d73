namespace AdeTokens
{
    /// <summary>Stable ids of the errors the remediation cmdlets raise themselves (Graph failures keep the Graph* ids).</summary>
    public static class RemediationErrorIds
    {
        /// <summary>No token with that id or name.</summary>
        public const string TokenNotFound = "TokenNotFound";
        /// <summary>No enrollment profile with that id on the token.</summary>
        public const string ProfileNotFound = "ProfileNotFound";
        /// <summary>A serial number that is not on the token.</summary>
        public const string DeviceNotFound = "DeviceNotFound";
        /// <summary>A manual sync was requested less than 15 minutes ago and -Force was not given.</summary>
        public const string SyncTooSoon = "SyncTooSoon";
        /// <summary>Intune refused the sync request (for example because of the manual-sync interval).</summary>
        public const string SyncRejected = "SyncRejected";
        /// <summary>The sync did not report a result within the timeout.</summary>
        public const string SyncWaitTimedOut = "SyncWaitTimedOut";
        /// <summary>The token could not be read while waiting for the sync.</summary>
        public const string SyncWaitFailed = "SyncWaitFailed";
        /// <summary>The -OutFile / -KeyPath file exists and -Force was not given.</summary>
        public const string OutFileExists = "OutFileExists";
        /// <summary>The -OutFile / -KeyPath file could not be written.</summary>
        public const string OutFileWriteFailed = "OutFileWriteFailed";
        /// <summary>-AppleId differs from the Apple ID that created the token and -Force was not given.</summary>
        public const string AppleIdMismatch = "AppleIdMismatch";
        /// <summary>No -AppleId was given and Intune reports none for the token.</summary>
        public const string AppleIdRequired = "AppleIdRequired";
        /// <summary>-AppleId is not an Apple ID (no user@domain form).</summary>
        public const string AppleIdInvalid = "AppleIdInvalid";
        /// <summary>The upload was accepted but the token's expiry did not move forward.</summary>
        public const string RenewalNotApplied = "RenewalNotApplied";
        /// <summary>Start-AdeTokenRenewal was given the same path for the key and the server token.</summary>
        public const string TokenFileSameAsKeyPath = "TokenFileSameAsKeyPath";
        /// <summary>The server token file did not appear within -TimeoutMinutes.</summary>
        public const string TokenFileWaitTimedOut = "TokenFileWaitTimedOut";
        /// <summary>Set-AdeDeviceProfile: the profile's platform does not match the device's, and -Force was not given.</summary>
        public const string ProfilePlatformMismatch = "ProfilePlatformMismatch";
        /// <summary>Start-AdeTokenRenewal -TokenFile has a wildcard in its folder, or names a folder that does not exist.</summary>
        public const string TokenFilePatternInvalid = "TokenFilePatternInvalid";
    }
}
