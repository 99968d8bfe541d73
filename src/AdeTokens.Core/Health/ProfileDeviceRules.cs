using System.Collections.Generic;
using System.Linq;

namespace AdeTokens.Health
{
    // DefaultProfileMissing, DevicesWithoutProfile, DevicesFailedEnrollment, DevicesBlocked, DevicesPendingReset.
    internal static class ProfileDeviceRules
    {
        // The four platforms a token can have a default profile for, as DeviceFacts groups them and as
        // ProfileFacts/EnrollmentProfile.Platform name them. DevicePlatformGroup.Other (unknown) has no default.
        internal static readonly (DevicePlatformGroup Group, string Platform, string Label)[] Platforms =
        {
            (DevicePlatformGroup.IosIpados, "iOS", "iOS/iPadOS"),
            (DevicePlatformGroup.MacOs, "macOS", "macOS"),
            (DevicePlatformGroup.TvOs, "tvOS", "tvOS"),
            (DevicePlatformGroup.VisionOs, "visionOS", "visionOS"),
        };

        private static readonly DevicePlatformGroup[] Groups =
        {
            DevicePlatformGroup.IosIpados, DevicePlatformGroup.MacOs, DevicePlatformGroup.TvOs, DevicePlatformGroup.VisionOs, DevicePlatformGroup.Other,
        };

        public static IEnumerable<HealthFinding> Evaluate(RuleContext c)
        {
            var missing = DefaultProfileMissing(c);
            if (missing != null) yield return missing;
            var without = DevicesWithoutProfile(c);
            if (without != null) yield return without;
            var failed = DevicesFailedEnrollment(c);
            if (failed != null) yield return failed;
            var blocked = DevicesBlocked(c);
            if (blocked != null) yield return blocked;
            var reset = DevicesPendingReset(c);
            if (reset != null) yield return reset;
        }

        // With device facts, judge each of the four platforms. Without them, only the token's synced-device count
        // is known, so flag a token that has devices and no default for any platform.
        private static HealthFinding? DefaultProfileMissing(RuleContext c)
        {
            var p = c.Profiles;
            if (p is null) return null;
            var parts = new List<string>();
            var platforms = new List<string>();
            string? help = null;
            if (c.Devices != null)
            {
                foreach (var (group, platform, label) in Platforms)
                {
                    var n = c.Devices.GetCount(group);
                    if (n == 0 || p.HasDefault(platform)) continue;
                    platforms.Add(label);
                    parts.Add($"{Text.Plural(n, label + " device", label + " devices")} but no default {label} enrollment profile");
                    // The iOS page documents default profiles; a gap on macOS alone gets the macOS page.
                    help = help is null && group == DevicePlatformGroup.MacOs ? HelpLinks.AdeMacOs : HelpLinks.AssignDefaultProfile;
                }
            }
            else
            {
                var synced = c.Token.SyncedDeviceCount ?? 0;
                if (synced > 0 && !ProfileFacts.Platforms.Any(p.HasDefault))
                {
                    platforms.Add("the platform its devices run (iOS/iPadOS, macOS, tvOS or visionOS)");
                    parts.Add($"{Text.Plural(synced, "synced device", "synced devices")} but no default enrollment profile for any platform");
                    help = HelpLinks.AssignDefaultProfile;
                }
            }
            if (parts.Count == 0) return null;

            return c.Finding(HealthFindingCodes.DefaultProfileMissing, FindingSeverity.Warning,
                $"The token has {string.Join(", and ", parts)}. Devices need an enrollment profile before they can enroll, and a default profile is what Intune gives devices that weren't assigned one.",
                new[]
                {
                    $"{c.TokenPath}, then select Profiles. If there is no enrollment profile for {string.Join(" and ", platforms)}, create one.",
                    "Select Set Default Profile, choose the profile, and select Save. Intune then applies it to all devices of that platform that enroll with this token.",
                    "Devices that already synced can also be given a profile directly: select Devices, select the devices, then Assign profile.",
                },
                help ?? HelpLinks.AssignDefaultProfile);
        }

        // Devices of a platform that has a default profile are covered by it, so only uncovered groups count.
        // Without profile facts nothing is known to be covered, and the message says so.
        private static HealthFinding? DevicesWithoutProfile(RuleContext c)
        {
            var d = c.Devices;
            if (d is null) return null;
            var p = c.Profiles;
            bool Covered(DevicePlatformGroup g)
                => p != null && Platforms.Any(x => x.Group == g && p.HasDefault(x.Platform));
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
                    "To cover devices that sync later, set a default profile for each platform the token has devices of (Profiles > Set Default Profile).",
                },
                HelpLinks.AssignProfileToDevices, count == 1 && sample.Count == 1 ? sample[0] : null);
        }

        // Warning, not Critical: the token keeps syncing and other devices still enroll; the failure is per device
        // and usually a restriction, licence or setup problem on that device.
        private static HealthFinding? DevicesFailedEnrollment(RuleContext c)
        {
            var d = c.Devices;
            if (d is null || d.FailedCount == 0) return null;
            var count = d.FailedCount;
            var sample = d.FailedSample.Take(c.Options.DeviceSampleSize).ToList();
            return c.Finding(HealthFindingCodes.DevicesFailedEnrollment, FindingSeverity.Warning,
                $"{Text.Plural(count, "device", "devices")} on this token failed to enroll (enrollment state failed).{SampleText(sample, count)}",
                new[]
                {
                    $"{c.TokenPath}, then select Devices, and search for the serial numbers to see each device's enrollment state.",
                    "Check enrollment restrictions. Device type restrictions must not block the device's platform for all users. To allow only company devices, block personally owned devices instead, because ADE devices count as corporate.",
                    "Check that the enrolling user (or, for devices without user affinity, the device) has an Intune license. Then wipe the device and run Setup Assistant again to retry enrollment.",
                    RuleContext.EnrollmentDoesNotStartStep,
                    "For the error a device showed during setup, see Microsoft's enrollment troubleshooting page (HelpUri).",
                },
                HelpLinks.EnrollmentErrors, count == 1 && sample.Count == 1 ? sample[0] : null);
        }

        // Microsoft's enrollmentState: "enrolled as userless, but is blocked from moving to user enrollment because the
        // app failed to install". The app is Company Portal, so the steps point at it and at the VPP token behind it.
        private static HealthFinding? DevicesBlocked(RuleContext c)
        {
            var d = c.Devices;
            if (d is null || d.BlockedCount == 0) return null;
            var count = d.BlockedCount;
            var sample = d.BlockedSample.Take(c.Options.DeviceSampleSize).ToList();
            var vpp = VppRules.NamedVppTokens(c);
            var vppStep = vpp.Count > 0
                ? $"This token's profiles install Company Portal through the VPP token {string.Join(", ", vpp.Select(v => v.Label))}. Check that it is valid and not expired (see the CompanyPortalVppToken findings, if any), and that it has enough free device licences for Company Portal: in the Intune admin center go to Tenant administration > Connectors and tokens > Apple VPP tokens, then Apps > All apps > Company Portal > App licenses."
                : "If a profile installs Company Portal with VPP (Install Company Portal with VPP), check that VPP token in Tenant administration > Connectors and tokens > Apple VPP tokens: it must be valid, not expired, and have free device licences for Company Portal. Run Test-AdeTokenHealth -IncludeProfiles to check the token named by each profile.";
            return c.Finding(HealthFindingCodes.DevicesBlocked, FindingSeverity.Warning,
                $"{Text.Plural(count, "device", "devices")} on this token {(count == 1 ? "is" : "are")} blocked: enrolled as userless, but blocked from moving to user enrollment because the app (Company Portal) failed to install. This is not a failed enrollment; the device is waiting for Company Portal.{SampleText(sample, count)}",
                new[]
                {
                    vppStep,
                    "Check that Company Portal is assigned to these devices as a required VPP app with device licensing (Apps > All apps > Company Portal > Properties > Assignments).",
                    "After the fix, sync the VPP token (Tenant administration > Connectors and tokens > Apple VPP tokens > Sync). If the devices stay blocked, wipe them and run Setup Assistant again.",
                },
                HelpLinks.CreateEnrollmentProfile, count == 1 && sample.Count == 1 ? sample[0] : null);
        }

        // Microsoft's enrollmentState: "enrolled profile is different from the assigned profile". Profile changes reach a
        // device only through Setup Assistant, so the device needs a factory reset to take the new one.
        private static HealthFinding? DevicesPendingReset(RuleContext c)
        {
            var d = c.Devices;
            if (d is null || d.PendingResetCount == 0) return null;
            var count = d.PendingResetCount;
            var sample = d.PendingResetSample.Take(c.Options.DeviceSampleSize).ToList();
            return c.Finding(HealthFindingCodes.DevicesPendingReset, FindingSeverity.Warning,
                $"{Text.Plural(count, "device", "devices")} on this token {(count == 1 ? "is" : "are")} pending reset: the enrollment profile {(count == 1 ? "it" : "they")} enrolled with differs from the profile now assigned. A new or changed enrollment profile reaches a device only when it runs Setup Assistant again, so {(count == 1 ? "it keeps" : "they keep")} the old settings until {(count == 1 ? "it is" : "they are")} reset.{SampleText(sample, count)}",
                new[]
                {
                    $"{c.TokenPath}, then select Devices, and check which profile is assigned to these serial numbers. If the assignment was a mistake, assign the profile they enrolled with again.",
                    "Otherwise, back up what the users need, then factory reset (wipe) each device from Devices > All devices > the device > Wipe. When it runs Setup Assistant again it enrolls with the assigned profile.",
                    "Only the device name template takes effect without a reset; every other profile setting needs one.",
                },
                HelpLinks.AssignProfileToDevices, count == 1 && sample.Count == 1 ? sample[0] : null);
        }

        private static string SampleText(IReadOnlyCollection<string> sample, int count)
        {
            if (sample.Count == 0) return string.Empty;
            return sample.Count == count ? $" Serial numbers: {Text.Serials(sample)}." : $" First {sample.Count}: {Text.Serials(sample)}.";
        }
    }
}
