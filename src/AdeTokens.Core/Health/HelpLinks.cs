namespace AdeTokens.Health
{
    /// <summary>
    /// Microsoft Learn pages the findings point to. Each URL and anchor was checked against the page source
    /// (MicrosoftDocs/memdocs and SupportArticles-docs); see SyncErrorCatalog.sources.md.
    /// </summary>
    public static class HelpLinks
    {
        private const string AdeIos = "https://learn.microsoft.com/mem/intune/enrollment/device-enrollment-program-enroll-ios";

        /// <summary>Renew an Automated Device Enrollment token.</summary>
        public const string RenewAdeToken = AdeIos + "#renew-an-automated-device-enrollment-token";
        /// <summary>Get an Apple automated device enrollment token (where the data-sharing consent is given).</summary>
        public const string GetAdeToken = AdeIos + "#get-an-apple-automated-device-enrollment-token";
        /// <summary>Sync managed devices (sync cadence and the 15-minute manual sync limit).</summary>
        public const string SyncManagedDevices = AdeIos + "#sync-managed-devices";
        /// <summary>Assign a default profile.</summary>
        public const string AssignDefaultProfile = AdeIos + "#assign-a-default-profile";
        /// <summary>Assign an enrollment profile to devices.</summary>
        public const string AssignProfileToDevices = AdeIos + "#assign-an-enrollment-profile-to-devices";
        /// <summary>The macOS ADE page; linked without an anchor because its headings were not checked.</summary>
        public const string AdeMacOs = "https://learn.microsoft.com/mem/intune/enrollment/device-enrollment-program-enroll-macos";
        /// <summary>Sync token errors between Intune and ADE.</summary>
        public const string SyncTokenErrors = "https://learn.microsoft.com/troubleshoot/mem/intune/device-enrollment/troubleshoot-ios-enrollment-errors#sync-token-errors-between-intune-and-ade";
        /// <summary>Troubleshooting iOS/iPadOS enrollment errors (device-side failures).</summary>
        public const string EnrollmentErrors = "https://learn.microsoft.com/troubleshoot/mem/intune/device-enrollment/troubleshoot-ios-enrollment-errors";
        /// <summary>Renew Apple MDM push certificate.</summary>
        public const string RenewApns = "https://learn.microsoft.com/mem/intune/enrollment/apple-mdm-push-certificate-get#renew-apple-mdm-push-certificate";
        /// <summary>Steps to get an Apple MDM push certificate.</summary>
        public const string GetApns = "https://learn.microsoft.com/mem/intune/enrollment/apple-mdm-push-certificate-get#steps-to-get-your-certificate";
        /// <summary>Microsoft Graph error responses (what a request-id is for), for checks that could not finish.</summary>
        public const string GraphErrors = "https://learn.microsoft.com/graph/errors";
    }
}
