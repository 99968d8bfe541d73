using System.Collections.Generic;
using System.Linq;

namespace AdeTokens.Health
{
    // DefaultProfileMissing, DevicesWithoutProfile, DevicesFailedEnrollment.
    internal static class ProfileDeviceRules
    {
        private static readonly DevicePlatformGroup[] Groups = { DevicePlatformGroup.IosIpados, DevicePlatformGroup.MacOs, DevicePlatformGroup.Other };

        public static IEnumerable<HealthFinding> Evaluate(RuleContext c)
        {
            var missing = DefaultProfileMissing(c);
            if (missing != null) yield return missing;
            var without = DevicesWithoutProfile(c);
            if (without != null) yield return without;
            var failed = DevicesFailedEnrollment(c);
            if (failed != null) yield return failed;
        }

        // With device facts, judge per platform (iOS/iPadOS and macOS: the platforms whose defaults ProfileFacts
        // knows). Without them, only the token's synced-device count is known, so flag a token that has devices
        // and no default at all.
        private static HealthFinding? DefaultProfileMissing(RuleContext c)
        {
            var p = c.Profiles;
            if (p is null) return null;
            var parts = new List<string>();
            var platforms = new List<string>();
            bool iosMissing = false;
            if (c.Devices != null)
            {
                var ios = c.Devices.GetCount(DevicePlatformGroup.IosIpados);
                var mac = c.Devices.GetCount(DevicePlatformGroup.MacOs);
                if (ios > 0 && !p.HasDefaultIos)
                {
                    iosMissing = true;
                    platforms.Add("iOS/iPadOS");
                    parts.Add($"{Text.Plural(ios, "iOS/iPadOS device", "iOS/iPadOS devices")} but no default iOS/iPadOS enrollment profile");
                }
                if (mac > 0 && !p.HasDefaultMacOs)
                {
                    platforms.Add("macOS");
                    parts.Add($"{Text.Plural(mac, "macOS device", "macOS devices")} but no default macOS enrollment profile");
                }
            }
            else
            {
                var synced = c.Token.SyncedDeviceCount ?? 0;
                if (synced > 0 && !p.HasDefaultIos && !p.HasDefaultMacOs)
                {
                    iosMissing = true;
                    platforms.Add("iOS/iPadOS or macOS (whichever its devices run)");
                    parts.Add($"{Text.Plural(synced, "synced device", "synced devices")} but no default enrollment profile for iOS/iPadOS or macOS");
                }
            }
            if (parts.Count == 0) return null;

            return c.Finding(HealthFindingCodes.DefaultProfileMissing, FindingSeverity.Warning,
                $"The token has {string.Join(", and ", parts)}. Devices need an enrollment profile before they can enroll, and a default profile is what Intune gives devices that weren't assigned one.",
                new[]
                {
                    $"{c.TokenPath}, then select Profiles. If there is no enrollment profile for {string.Join(" and ", platforms)}, create one.",
                    "Select Set Default Profile, choose the profile, and select Save. Intune then applies it to all devices that enroll with this token.",
                    "Devices that already synced can also be given a profile directly: select Devices, select the devices, then Assign profile.",
                },
                iosMissing ? HelpLinks.AssignDefaultProfile : HelpLinks.AdeMacOs);
        }

        // Devices of a platform that has a default profile are covered by it, so only uncovered groups count.
        // Without profile facts nothing is known to be covered, and the message says so.
        private static HealthFinding? DevicesWithoutProfile(RuleContext c)
        {
            var d = c.Devices;
            if (d is null) return null;
            var p = c.Profiles;
            bool Covered(DevicePlatformGroup g)
                => p != null && (g == DevicePlatformGroup.IosIpados ? p.HasDefaultIos : g == DevicePlatformGroup.MacOs && p.HasDefaultMacOs);
            var uncovered = Groups.Where(g => !Covered(g)).ToArray();
            var count = uncovered.Sum(g => d.GetWithoutProfileCount(g));
            if (count == 0) return null;
            var sample = uncovered.SelectMany(g => d.GetWithoutProfileSample(g)).Take(c.Options.DeviceSampleSize).ToList();
            var note = p is null
                ? " Profiles were not checked, so some of them may still get the token's default profile."
                : " Their platform has no default profile on this token to fall back on.";
            return c.Finding(HealthFindingCodes.DevicesWithoutProfile, FindingSeverity.Warning,
                $"{Text.Plural(count, "device", "devices")} on this token {(count == 1 ? "has" : "have")} no enrollment profile assigned.{note} Devices need an enrollment profile before they can enroll.{SampleText(sample, count)}",
                new[]
                {
                    $"{c.TokenPath}, then select Devices. Select the devices (search by serial number), select Assign profile, choose a profile, and select Assign.",
                    "To cover devices that sync later, set a default profile for the token (Profiles > Set Default Profile).",
                },
                HelpLinks.AssignProfileToDevices, count == 1 && sample.Count == 1 ? sample[0] : null);
        }

        // Warning, not Critical: the token keeps syncing and other devices still enroll; the failure is per device
        // and usually a restriction, licence or setup problem on that device.
        private static HealthFinding? DevicesFailedEnrollment(RuleContext c)
        {
            var d = c.Devices;
            if (d is null) return null;
            var count = d.FailedCount + d.BlockedCount;
            if (count == 0) return null;
            var sample = d.FailedSample.Concat(d.BlockedSample).Take(c.Options.DeviceSampleSize).ToList();
            return c.Finding(HealthFindingCodes.DevicesFailedEnrollment, FindingSeverity.Warning,
                $"{Text.Plural(count, "device", "devices")} on this token failed to enroll ({Text.Count(d.FailedCount)} failed, {Text.Count(d.BlockedCount)} blocked).{SampleText(sample, count)}",
                new[]
                {
                    $"{c.TokenPath}, then select Devices, and search for the serial numbers to see each device's enrollment state.",
                    "Blocked devices: check enrollment restrictions. Device type restrictions must not block iOS/iPadOS (or macOS) for all users. To allow only company devices, block personally owned devices instead, because ADE devices count as corporate.",
                    "Failed devices: check that the enrolling user (or, for devices without user affinity, the device) has an Intune license. Then wipe the device and run Setup Assistant again to retry enrollment.",
                    "For the error a device showed during setup, see Microsoft's enrollment troubleshooting page (HelpUri).",
                },
                HelpLinks.EnrollmentErrors, count == 1 && sample.Count == 1 ? sample[0] : null);
        }

        private static string SampleText(IReadOnlyCollection<string> sample, int count)
        {
            if (sample.Count == 0) return string.Empty;
            return sample.Count == count ? $" Serial numbers: {Text.Serials(sample)}." : $" First {sample.Count}: {Text.Serials(sample)}.";
        }
    }
}
