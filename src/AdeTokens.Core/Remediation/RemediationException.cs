using System;

namespace AdeTokens.Remediation
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

    /// <summary>What kind of failure a <see cref="RemediationException"/> is; the cmdlets map it to an ErrorCategory.</summary>
    public enum RemediationErrorKind
    {
        /// <summary>A parameter value is wrong.</summary>
        InvalidArgument,
        /// <summary>The object does not exist.</summary>
        NotFound,
        /// <summary>The object already exists.</summary>
        AlreadyExists,
        /// <summary>Not now: try again later.</summary>
        Busy,
        /// <summary>Waited too long.</summary>
        Timeout,
        /// <summary>The service answered, but not with the expected result.</summary>
        InvalidResult,
        /// <summary>A file could not be written.</summary>
        WriteFailed,
        /// <summary>The service refused the operation.</summary>
        Rejected,
    }

    /// <summary>A remediation step that cannot go on, with what the admin should do about it. Never carries file content.</summary>
    public sealed class RemediationException : AdeException
    {
        /// <summary>Creates the exception.</summary>
        public RemediationException(string errorId, RemediationErrorKind kind, string message, string recommendedAction, object? target, Exception? inner = null)
            : base(message, errorId, CategoryOf(kind), target, recommendedAction ?? throw new ArgumentNullException(nameof(recommendedAction)), inner)
        {
            Kind = kind;
        }

        /// <summary>Kind of failure.</summary>
        public RemediationErrorKind Kind { get; }

        private static AdeErrorCategory CategoryOf(RemediationErrorKind kind) => kind switch
        {
            RemediationErrorKind.InvalidArgument => AdeErrorCategory.InvalidArgument,
            RemediationErrorKind.NotFound => AdeErrorCategory.ObjectNotFound,
            RemediationErrorKind.AlreadyExists => AdeErrorCategory.ResourceExists,
            RemediationErrorKind.Busy => AdeErrorCategory.ResourceBusy,
            RemediationErrorKind.Timeout => AdeErrorCategory.OperationTimeout,
            RemediationErrorKind.InvalidResult => AdeErrorCategory.InvalidResult,
            RemediationErrorKind.WriteFailed => AdeErrorCategory.WriteError,
            _ => AdeErrorCategory.InvalidOperation,
        };

        /// <summary>TokenNotFound for <paramref name="id"/>.</summary>
        public static RemediationException TokenNotFound(string id) => new RemediationException(
            RemediationErrorIds.TokenNotFound, RemediationErrorKind.NotFound,
            $"No ADE token with id '{id}' exists in this tenant.",
            "Run Get-AdeTokenStatus to list the tokens and their ids.", id);

        /// <summary>TokenNotFound for an id that is in fact the name of a token: says so and gives the id.</summary>
        public static RemediationException TokenNotFoundButNamed(string id, string realId) => new RemediationException(
            RemediationErrorIds.TokenNotFound, RemediationErrorKind.NotFound,
            $"No ADE token with id '{id}' exists in this tenant, but a token named '{id}' does: its id is {realId}.",
            $"Use the id ({realId}), or give the name with -Name / -TokenName '{id}'.", id);

        /// <summary>TokenNotFound for a -Name that matches no token.</summary>
        public static RemediationException TokenNameNotFound(string name) => new RemediationException(
            RemediationErrorIds.TokenNotFound, RemediationErrorKind.NotFound,
            $"No ADE token named '{name}' exists in this tenant.",
            "Run Get-AdeTokenStatus to list the token names, or use a wildcard such as 'Contoso*'.", name);

        /// <summary>ProfileNotFound for <paramref name="profileId"/> on <paramref name="tokenLabel"/>.</summary>
        public static RemediationException ProfileNotFound(string profileId, string tokenLabel) => new RemediationException(
            RemediationErrorIds.ProfileNotFound, RemediationErrorKind.NotFound,
            $"No enrollment profile with id '{profileId}' exists on {tokenLabel}.",
            "Run Get-AdeEnrollmentProfile -TokenId <token id> to list the token's profiles and their ids.", profileId);
    }
}
