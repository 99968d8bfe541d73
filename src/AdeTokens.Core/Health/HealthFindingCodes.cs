namespace AdeTokens.Health
{
    /// <summary>
    /// The stable finding codes. They are part of the public contract (alert rules and -FailOn filters
    /// match on them), so never rename one; add a new code instead.
    /// </summary>
    public static class HealthFindingCodes
    {
        /// <summary>Critical: the token's expiry date has passed (expiry at or before the evaluation time).</summary>
        public const string TokenExpired = "TokenExpired";
        /// <summary>Warning at WarningDays whole days or fewer, Critical at CriticalDays or fewer.</summary>
        public const string TokenExpiringSoon = "TokenExpiringSoon";
        /// <summary>Warning: Intune reports no expiry date, so expiry can't be monitored.</summary>
        public const string ExpiryUnknown = "ExpiryUnknown";
        /// <summary>Critical: lastSyncErrorCode is non-zero.</summary>
        public const string SyncFailed = "SyncFailed";
        /// <summary>Warning: the last successful sync is more than StaleSyncHours old.</summary>
        public const string SyncStale = "SyncStale";
        /// <summary>Critical once the token is older than NeverSyncedGraceHours; Info before; Warning when its age is unknown.</summary>
        public const string NeverSynced = "NeverSynced";
        /// <summary>Info: a sync was requested less than ManualSyncIntervalMinutes ago.</summary>
        public const string SyncRecentlyTriggered = "SyncRecentlyTriggered";
        /// <summary>Warning: dataSharingConsentGranted is false.</summary>
        public const string ConsentNotGranted = "ConsentNotGranted";
        /// <summary>Warning: devices of a platform with no default enrollment profile for it.</summary>
        public const string DefaultProfileMissing = "DefaultProfileMissing";
        /// <summary>Warning: devices with no enrollment profile and no default profile to fall back on.</summary>
        public const string DevicesWithoutProfile = "DevicesWithoutProfile";
        /// <summary>Warning: devices whose enrollmentState is failed (blocked and pendingReset have codes of their own).</summary>
        public const string DevicesFailedEnrollment = "DevicesFailedEnrollment";
        /// <summary>
        /// Warning: devices whose enrollmentState is blocked: enrolled as userless, then blocked from moving to user
        /// enrollment because the app (Company Portal) failed to install.
        /// </summary>
        public const string DevicesBlocked = "DevicesBlocked";
        /// <summary>Warning: devices whose enrollmentState is pendingReset: the enrolled profile differs from the assigned one.</summary>
        public const string DevicesPendingReset = "DevicesPendingReset";
        /// <summary>Critical: a VPP token that a profile of this ADE token uses for Company Portal has expired.</summary>
        public const string CompanyPortalVppTokenExpired = "CompanyPortalVppTokenExpired";
        /// <summary>
        /// Critical: a profile names a VPP token for Company Portal that is invalid, assigned to another MDM, or gone.
        /// </summary>
        public const string CompanyPortalVppTokenInvalid = "CompanyPortalVppTokenInvalid";
        /// <summary>Warning/Critical by the same day thresholds as the ADE token: Company Portal's VPP token expires soon.</summary>
        public const string CompanyPortalVppTokenExpiringSoon = "CompanyPortalVppTokenExpiringSoon";
        /// <summary>Critical: the tenant has no Apple MDM push certificate.</summary>
        public const string ApnsCertificateMissing = "ApnsCertificateMissing";
        /// <summary>Critical: the tenant's Apple MDM push certificate has expired.</summary>
        public const string ApnsCertificateExpired = "ApnsCertificateExpired";
        /// <summary>Warning/Critical by the same day thresholds as the token.</summary>
        public const string ApnsCertificateExpiringSoon = "ApnsCertificateExpiringSoon";
        /// <summary>Warning: the certificate exists but reports no expiry date.</summary>
        public const string ApnsCertificateExpiryUnknown = "ApnsCertificateExpiryUnknown";
        /// <summary>
        /// Warning: part of the check could not be done (a permanent Graph failure reading the token's profiles
        /// or devices), so the token must not be reported Healthy. Alerts never treat it as "resolved".
        /// </summary>
        public const string CheckIncomplete = "CheckIncomplete";
    }
}
