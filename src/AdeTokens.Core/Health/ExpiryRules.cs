using System.Collections.Generic;

namespace AdeTokens.Health
{
    // TokenExpired, TokenExpiringSoon, ExpiryUnknown.
    // Edges: expiry <= asOf is expired (so one second ago is TokenExpired, never ExpiringSoon). Days are
    // calendar days in UTC (DayCount): an expiry 30 calendar days ahead -> 30 -> Warning; 31 -> none;
    // 7 -> Critical; 8 -> Warning; later today -> 0 -> Critical ("today"). Expired earlier today is 0,
    // yesterday -1.
    internal static class ExpiryRules
    {
        public static IEnumerable<HealthFinding> Evaluate(RuleContext c)
        {
            if (!c.Expiry.HasValue)
            {
                yield return c.Finding(HealthFindingCodes.ExpiryUnknown, FindingSeverity.Warning,
                    "Intune reports no expiry date for this token (tokenExpirationDateTime is empty or 0001-01-01), so this check can't tell whether it has expired.",
                    new[]
                    {
                        $"{c.TokenPath}, and check the expiration date shown there.",
                        "If no date is shown, or the token doesn't sync, renew the token (see HelpUri), using " + c.AppleIdText + ".",
                    },
                    HelpLinks.RenewAdeToken);
                yield break;
            }

            var expiry = c.Expiry.Value;
            if (c.ExpiryState == TokenExpiryState.Expired)
            {
                yield return c.Finding(HealthFindingCodes.TokenExpired, FindingSeverity.Critical,
                    $"The token expired on {InvariantText.Utc(expiry)} ({Text.Ago(expiry, c.AsOf)}). Intune can't sync with Apple through it, and its devices can be blocked from enrolling.",
                    RenewalSteps(c, expired: true), HelpLinks.RenewAdeToken);
                yield break;
            }

            var days = c.DaysUntilExpiry!.Value;
            if (days > c.Options.WarningDays) yield break;
            var severity = days <= c.Options.CriticalDays ? FindingSeverity.Critical : FindingSeverity.Warning;
            var when = DayCount.Relative(days);
            yield return c.Finding(HealthFindingCodes.TokenExpiringSoon, severity,
                $"The token expires {when}, at {InvariantText.Utc(expiry)} (Warning at {Text.Days(c.Options.WarningDays)} or fewer, Critical at {Text.Days(c.Options.CriticalDays)} or fewer).",
                RenewalSteps(c, expired: false), HelpLinks.RenewAdeToken);
        }

        internal static IEnumerable<string> RenewalSteps(RuleContext c, bool expired)
        {
            yield return expired
                ? "Renew in one sitting. The token has already stopped working, and downloading a new server token in Apple Business Manager or Apple School Manager also invalidates the token Intune holds right away, so upload the new file as soon as you have it."
                : "Renew in one sitting. Downloading a new server token in Apple Business Manager or Apple School Manager invalidates the token Intune is using right away, so sync stops until the new file is uploaded to Intune.";
            yield return "In Apple Business Manager (business.apple.com) or Apple School Manager, sign in with an account that has the Administrator or Device Enrollment Manager role. Then " + Renewal.RenewalGuide.AbmServerPath + " (the one for this token), select Download Token, and confirm to download the server token (.p7m file).";
            yield return $"{c.TokenPath}, then select Renew token. Enter the Apple ID that created the original token ({c.AppleIdText}), and upload the new .p7m file. Use the same Apple ID.";
            yield return "Select Next (scope tags are optional), select Renew token, and wait for the confirmation.";
            yield return "Sync the token, and check that its last successful sync time moves forward. " + c.SyncStep;
            yield return RuleContext.EnrollmentDoesNotStartStep;
        }
    }
}
