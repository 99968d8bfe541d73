using System;
using System.Collections.Generic;

namespace AdeTokens.Renewal
{
    /// <summary>
    /// The steps an admin follows in Apple Business Manager / Apple School Manager during a renewal, from
    /// Microsoft's "Renew an Automated Device Enrollment token" (reference §8). Apple renames menus from time to
    /// time, so the texts name both the current and the older labels.
    /// </summary>
    public static class RenewalGuide
    {
        /// <summary>
        /// Where the MDM server is in Apple Business Manager / Apple School Manager, in Apple's current words
        /// (Apple Business Manager User Guide: your name at the bottom of the sidebar > Preferences, then the
        /// server in the device management services list; older versions called the list Your MDM Servers).
        /// Every text that sends the admin there uses this one phrase.
        /// </summary>
        public const string AbmServerPath =
            "select your name at the bottom of the sidebar, select Preferences, then select the MDM server in the list of device management services (older versions: Your MDM Servers)";

        /// <summary>The warning shown before anyone downloads a server token.</summary>
        public const string DownloadInvalidatesWarning =
            "Downloading a server token in Apple Business Manager or Apple School Manager invalidates the token Intune is using right now: ADE sync stops until the new .p7m is uploaded to Intune. Once you download it, finish the renewal straight away.";

        /// <summary>What the host is told when a guided renewal is stopped before the upload: the one thing the admin must not miss.</summary>
        public static string StoppedBeforeUpload(string tokenId, string tokenFileExample)
            => $"Stopped before the server token was uploaded. If you already downloaded it in Apple Business Manager, the token Intune holds no longer works: upload the new file with Update-AdeToken straight away, for example Update-AdeToken -Id {tokenId} -TokenFile '{tokenFileExample}'.";

        /// <summary>The line after a renewal: the new expiry and the old one.</summary>
        public static string Renewed(string tokenLabel, DateTimeOffset? expires, DateTimeOffset? previous)
            => $"Renewed {tokenLabel}: it now expires {Utc(expires)} (was {Utc(previous)}).";

        private static string Utc(DateTimeOffset? value) => value.HasValue ? InvariantText.UtcSeconds(value.Value) : "unknown";

        /// <summary>Steps after the public key was written to <paramref name="keyPath"/>.</summary>
        public static IReadOnlyList<string> AbmSteps(string tokenLabel, string? keyPath, string? tokenFilePath)
        {
            var steps = new List<string>
            {
                "Sign in to Apple Business Manager (business.apple.com) or Apple School Manager (school.apple.com) as an Administrator or Device Enrollment Manager.",
                $"{char.ToUpperInvariant(AbmServerPath[0])}{AbmServerPath.Substring(1)}: the one that belongs to {tokenLabel}.",
            };
            if (!string.IsNullOrEmpty(keyPath))
            {
                steps.Add($"If the server is new, or does not hold this Intune token's key yet: Edit (MDM Server Settings) > Upload Public Key, and choose {keyPath}. Save.");
            }
            steps.Add("Select Download Token (Download Server Token) and confirm. This invalidates the current token.");
            steps.Add(string.IsNullOrEmpty(tokenFilePath)
                ? "Upload the downloaded .p7m straight away: Update-AdeToken -Id <token id> -TokenFile <path to the .p7m>."
                : $"Save the downloaded .p7m as {tokenFilePath}; the upload starts as soon as the file appears there.");
            return steps;
        }

        /// <summary>Numbers the steps for the console.</summary>
        public static IEnumerable<string> Numbered(IReadOnlyList<string> steps)
        {
            if (steps is null) throw new ArgumentNullException(nameof(steps));
            for (var i = 0; i < steps.Count; i++) yield return $"  {i + 1}. {steps[i]}";
        }
    }
}
