using System.Collections.Generic;

namespace AdeTokens.Health
{
    // ApnsCertificateMissing, ApnsCertificateExpired, ApnsCertificateExpiringSoon, ApnsCertificateExpiryUnknown.
    // Tenant-level facts repeated on every token: no ADE device enrolls without a valid Apple MDM push
    // certificate, however healthy its token is. Same day edges as the token (floor of remaining days).
    internal static class ApnsRules
    {
        public const string Target = "applePushNotificationCertificate";

        public static IEnumerable<HealthFinding> Evaluate(RuleContext c)
        {
            var t = c.Tenant;
            if (t is null || !t.ApnsChecked) yield break;
            var appleId = string.IsNullOrWhiteSpace(t.ApnsAppleId) ? "the Apple ID that created it (Intune reports none)" : t.ApnsAppleId!;

            if (!t.ApnsCertificatePresent)
            {
                yield return c.Finding(HealthFindingCodes.ApnsCertificateMissing, FindingSeverity.Critical,
                    "The tenant has no Apple MDM push certificate. Without one no iOS/iPadOS or macOS device can enroll, ADE devices included, whatever state this token is in.",
                    new[]
                    {
                        "In the Intune admin center, go to Devices > Enrollment > Apple > Apple MDM Push Certificate. Select I agree, then Download your CSR.",
                        "Select Create your MDM push Certificate to open the Apple Push Certificates Portal. Sign in with an organization Apple ID (a monitored company address, not a personal one), select Create a Certificate, upload the CSR, and download the certificate (.pem).",
                        "Back in the admin center, enter that Apple ID and upload the certificate. Renew it every year with the same Apple ID.",
                    },
                    HelpLinks.GetApns, Target);
                yield break;
            }

            var renew = RenewSteps(appleId);
            var expiry = TokenStatusBuilder.Never(t.ApnsCertificateExpiration);
            if (!expiry.HasValue)
            {
                yield return c.Finding(HealthFindingCodes.ApnsCertificateExpiryUnknown, FindingSeverity.Warning,
                    "The tenant's Apple MDM push certificate reports no expiry date, so this check can't tell whether it is still valid.",
                    new[] { "In the Intune admin center, go to Devices > Enrollment > Apple > Apple MDM Push Certificate, and check the expiration date and status shown there." },
                    HelpLinks.RenewApns, Target);
                yield break;
            }

            if (expiry.Value <= c.AsOf)
            {
                var daysAgo = (c.AsOf - expiry.Value).TotalDays;
                var grace = daysAgo > 30
                    ? " That is beyond the 30-day grace period Microsoft documents for renewing after expiry; if renewal fails, contact Microsoft support."
                    : " Microsoft documents a 30-day grace period after expiry for renewing it, so renew it now.";
                yield return c.Finding(HealthFindingCodes.ApnsCertificateExpired, FindingSeverity.Critical,
                    $"The tenant's Apple MDM push certificate expired on {InvariantText.Utc(expiry.Value)} ({Text.Ago(expiry.Value, c.AsOf)}). Without a valid certificate no iOS/iPadOS or macOS device can enroll, ADE devices included, and Intune can't contact enrolled devices.{grace}",
                    renew, HelpLinks.RenewApns, Target);
                yield break;
            }

            var days = TokenStatusBuilder.DaysUntil(expiry.Value, c.AsOf);
            if (days > c.Options.WarningDays) yield break;
            var severity = days <= c.Options.CriticalDays ? FindingSeverity.Critical : FindingSeverity.Warning;
            var when = DayCount.Relative(days);
            yield return c.Finding(HealthFindingCodes.ApnsCertificateExpiringSoon, severity,
                $"The tenant's Apple MDM push certificate expires {when}, at {InvariantText.Utc(expiry.Value)}. When it expires, no iOS/iPadOS or macOS device can enroll, ADE devices included.",
                renew, HelpLinks.RenewApns, Target);
        }

        private static string[] RenewSteps(string appleId) => new[]
        {
            $"Renew the certificate; don't replace it. Renew it with the Apple ID that created it ({appleId}). If you create a new certificate instead, every iOS/iPadOS and macOS device has to re-enroll.",
            "In the Intune admin center, go to Devices > Enrollment > Apple > Apple MDM Push Certificate, and select Download your CSR.",
            $"Select Create your MDM push Certificate to open the Apple Push Certificates Portal, and sign in as {appleId}. Find the certificate, select Renew, upload the new CSR, and download the renewed certificate (.pem).",
            "Back in the admin center, upload the renewed certificate. Renewal is complete when the certificate shows as active in both the admin center and the Apple portal.",
        };
    }
}
