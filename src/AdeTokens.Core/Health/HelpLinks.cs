namespace AdeTokens.Health
{
    /// <summary>
    /// Microsoft Learn pages the findings point to. Each URL and anchor was checked against the page source
    /// (MicrosoftDocs/memdocs and SupportArticles-docs); see SyncErrorCatalog.sources.md for the commits.
    /// </summary>
    public static class HelpLinks
    {
        // Current paths: memdocs moved the Intune pages from memdocs/intune/... to intune/intune-service/..., and the
        // old /mem/intune/... URLs only redirect. The ADE page's anchors were checked at memdocs @6c80a2c.
        private const string Intune = "https://learn.microsoft.com/intune/intune-service/";
        private const string AdeIos = Intune + "enrollment/device-enrollment-program-enroll-ios";
        private const string AdeMacOsPage = Intune + "enrollment/device-enrollment-program-enroll-macos";
        private const string VppApps = Intune + "apps/vpp-apps-ios";
        private const string Troubleshoot = "https://learn.microsoft.com/troubleshoot/mem/intune/device-enrollment/troubleshoot-ios-enrollment-errors";

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
        /// <summary>Create an Apple enrollment profile; its note says devices are blocked when Company Portal's VPP token expires or runs out of licences.</summary>
        public const string CreateEnrollmentProfile = AdeIos + "#create-an-apple-enrollment-profile";
        /// <summary>The macOS ADE page, at its profile section (which says to set a default profile before devices turn on); checked at memdocs @59fdcfa.</summary>
        public const string AdeMacOs = AdeMacOsPage + "#create-an-apple-enrollment-profile";
        /// <summary>The macOS ADE page's sync section ("A sync is run automatically every 24 hours").</summary>
        public const string SyncManagedDevicesMacOs = AdeMacOsPage + "#sync-managed-devices";
        /// <summary>Renewing an Apple VPP (location) token; checked at memdocs @039e6d4.</summary>
        public const string RenewVppToken = VppApps + "#renewing-vpp-tokens-or-apple-business-manager-location-token";
        /// <summary>Additional information on VPP tokens, including "Assigned to external MDM".</summary>
        public const string VppTokenStates = VppApps + "#additional-information";
        /// <summary>Sync token errors between Intune and ADE.</summary>
        public const string SyncTokenErrors = Troubleshoot + "#sync-token-errors-between-intune-and-ade";
        /// <summary>Troubleshooting iOS/iPadOS enrollment errors (device-side failures).</summary>
        public const string EnrollmentErrors = Troubleshoot;
        /// <summary>Renew Apple MDM push certificate.</summary>
        public const string RenewApns = Intune + "enrollment/apple-mdm-push-certificate-get#renew-apple-mdm-push-certificate";
        /// <summary>Steps to get an Apple MDM push certificate.</summary>
        public const string GetApns = Intune + "enrollment/apple-mdm-push-certificate-get#steps-to-get-your-certificate";
        /// <summary>Microsoft Graph error responses (what a request-id is for), for checks that could not finish.</summary>
        public const string GraphErrors = "https://learn.microsoft.com/graph/errors";
    }
}
