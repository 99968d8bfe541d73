using AdeTokens.Graph.Models;
using AdeTokens.Health;
using Xunit;
using static AdeTokens.Tests.Health.HealthTestData;

namespace AdeTokens.Tests.Health
{
    public class TenantProfileDeviceRuleTests
    {
        [Fact]
        public void ApnsNotCheckedGivesNoApnsFindings()
        {
            var notChecked = new TenantFacts { ApnsCertificatePresent = false, ApnsCertificateExpiration = AsOf.AddDays(-100) };
            Assert.Empty(Eval(Healthy(), tenant: notChecked).Findings);
            Assert.Empty(Eval(Healthy(), tenant: null).Findings);
        }

        [Fact]
        public void ApnsAbsentIsCritical()
        {
            var r = Eval(Healthy(), tenant: TenantFacts.FromApns(false, null, null));
            var f = r.Find(HealthFindingCodes.ApnsCertificateMissing)!;
            Assert.Equal(FindingSeverity.Critical, f.Severity);
            Assert.Equal("applePushNotificationCertificate", f.Target);
            Assert.Equal("tok-1", f.TokenId);
            Assert.Equal(HelpLinks.GetApns, f.HelpUri);
            Assert.Equal(HealthStatus.Critical, r.Status);
        }

        [Fact]
        public void ApnsExpiredOneSecondAgoIsCritical()
        {
            var r = Eval(Healthy(), tenant: TenantFacts.FromApns(true, AsOf.AddSeconds(-1), "mdm@contoso.com"));
            var f = r.Find(HealthFindingCodes.ApnsCertificateExpired)!;
            Assert.Equal(FindingSeverity.Critical, f.Severity);
            Assert.Null(r.Find(HealthFindingCodes.ApnsCertificateExpiringSoon));
            Assert.Contains("30-day grace period", f.Message);
            Assert.Contains("mdm@contoso.com", f.Remediation[0]);
            Assert.Contains("don't replace", f.Remediation[0]);
            Assert.Equal(HelpLinks.RenewApns, f.HelpUri);
        }

        [Theory]
        [InlineData(31, null)]
        [InlineData(30, FindingSeverity.Warning)]
        [InlineData(8, FindingSeverity.Warning)]
        [InlineData(7, FindingSeverity.Critical)]
        public void ApnsExpiringSoonUsesTheTokenDayThresholds(int days, FindingSeverity? expected)
        {
            var f = Eval(Healthy(), tenant: TenantFacts.FromApns(true, AsOf.AddDays(days), "mdm@contoso.com")).Find(HealthFindingCodes.ApnsCertificateExpiringSoon);
            Assert.Equal(expected, f?.Severity);
        }

        [Fact]
        public void ApnsWithoutExpiryIsAWarning()
            => Assert.Equal(FindingSeverity.Warning, Eval(Healthy(), tenant: TenantFacts.FromApns(true, null, null)).Find(HealthFindingCodes.ApnsCertificateExpiryUnknown)!.Severity);

        [Fact]
        public void DefaultProfileMissingFromProfilesOnly()
        {
            var noDefaults = ProfileFacts.FromProfiles(new[] { new EnrollmentProfile { Id = "p1", OdataType = "#microsoft.graph.depIOSEnrollmentProfile", IsDefault = false } });
            var f = Eval(Healthy(t => t.SyncedDeviceCount = 10), profiles: noDefaults).Find(HealthFindingCodes.DefaultProfileMissing)!;
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Contains("10 synced devices", f.Message);
            Assert.Equal(HelpLinks.AssignDefaultProfile, f.HelpUri);

            Assert.Null(Eval(Healthy(t => t.SyncedDeviceCount = 0), profiles: noDefaults).Find(HealthFindingCodes.DefaultProfileMissing));
            var iosDefault = ProfileFacts.FromProfiles(new[] { new EnrollmentProfile { Id = "p1", OdataType = "#microsoft.graph.depIOSEnrollmentProfile", IsDefault = true } });
            Assert.True(iosDefault.HasDefaultIos);
            Assert.Null(Eval(Healthy(), profiles: iosDefault).Find(HealthFindingCodes.DefaultProfileMissing));
            // Profiles not checked: nothing to say.
            Assert.Null(Eval(Healthy(), profiles: new ProfileFacts()).Find(HealthFindingCodes.DefaultProfileMissing));
        }

        [Fact]
        public void DefaultProfileMissingUsesDevicePlatformsWhenKnown()
        {
            var profiles = new ProfileFacts { Checked = true, HasDefaultIos = false, HasDefaultMacOs = true };
            var devices = new DeviceFacts();
            devices.Add(Device("IOS1", "ios"));
            devices.Add(Device("IOS2", "ios"));
            devices.Add(Device("MAC1", "macOS"));
            var f = Eval(Healthy(), profiles: profiles, devices: devices).Find(HealthFindingCodes.DefaultProfileMissing)!;
            Assert.Contains("2 iOS/iPadOS devices but no default iOS/iPadOS", f.Message);
            Assert.DoesNotContain("macOS device", f.Message);

            // Only macOS devices, with a macOS default: the token's SyncedDeviceCount no longer matters.
            var macOnly = new DeviceFacts();
            macOnly.Add(Device("MAC1", "macOS"));
            Assert.Null(Eval(Healthy(t => t.SyncedDeviceCount = 500), profiles: profiles, devices: macOnly).Find(HealthFindingCodes.DefaultProfileMissing));

            var macMissing = Eval(Healthy(), profiles: new ProfileFacts { Checked = true, HasDefaultIos = true }, devices: macOnly).Find(HealthFindingCodes.DefaultProfileMissing)!;
            Assert.Contains("1 macOS device but no default macOS", macMissing.Message);
            Assert.Equal(HelpLinks.AdeMacOs, macMissing.HelpUri);
        }

        [Fact]
        public void DevicesWithoutProfileCountsOnlyPlatformsWithoutADefault()
        {
            var devices = new DeviceFacts(sampleSize: 5);
            for (var i = 0; i < 8; i++) devices.Add(Device($"IOS{i}", "ios", profileId: null));
            devices.Add(Device("MAC0", "macOS", profileId: null));
            devices.Add(Device("IOSOK", "ios", profileId: "p1"));

            var noProfiles = Eval(Healthy(), devices: devices).Find(HealthFindingCodes.DevicesWithoutProfile)!;
            Assert.Equal(FindingSeverity.Warning, noProfiles.Severity);
            Assert.Contains("9 devices", noProfiles.Message);
            Assert.Contains("First 5: IOS0, IOS1, IOS2, IOS3, IOS4.", noProfiles.Message);
            Assert.Contains("Profiles were not checked", noProfiles.Message);
            Assert.Equal("tok-1", noProfiles.Target);

            var iosCovered = Eval(Healthy(), profiles: new ProfileFacts { Checked = true, HasDefaultIos = true }, devices: devices).Find(HealthFindingCodes.DevicesWithoutProfile)!;
            Assert.Contains("1 device on this token has no enrollment profile", iosCovered.Message);
            Assert.Contains("Serial numbers: MAC0.", iosCovered.Message);
            Assert.Equal("MAC0", iosCovered.Target);   // one device: the serial is the target

            Assert.Null(Eval(Healthy(), profiles: new ProfileFacts { Checked = true, HasDefaultIos = true, HasDefaultMacOs = true }, devices: devices).Find(HealthFindingCodes.DevicesWithoutProfile));
        }

        [Fact]
        public void DevicesFailedEnrollmentCountsOnlyFailed()
        {
            var devices = new DeviceFacts();
            devices.Add(Device("F1", state: "failed"));
            devices.Add(Device("F2", state: "failed"));
            devices.Add(Device("B1", state: "blocked"));
            devices.Add(Device("R1", state: "pendingReset"));
            devices.Add(Device("OK", state: "enrolled"));
            devices.Add(Device("GONE", state: "failed", deleted: true));
            var f = Eval(Healthy(), devices: devices).Find(HealthFindingCodes.DevicesFailedEnrollment)!;
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Contains("2 devices on this token failed to enroll", f.Message);
            Assert.Contains("Serial numbers: F1, F2.", f.Message);
            Assert.DoesNotContain("B1", f.Message);
            Assert.DoesNotContain("R1", f.Message);
            Assert.DoesNotContain("GONE", f.Message);
            Assert.Equal(HelpLinks.EnrollmentErrors, f.HelpUri);
            Assert.Contains(f.Remediation, s => s.Contains("doesn't start"));

            var onlyBlocked = new DeviceFacts();
            onlyBlocked.Add(Device("B1", state: "blocked"));
            Assert.Null(Eval(Healthy(), devices: onlyBlocked).Find(HealthFindingCodes.DevicesFailedEnrollment));
        }

        [Fact]
        public void DeviceSampleSizeOptionLimitsQuotedSerials()
        {
            var devices = new DeviceFacts(sampleSize: 5);
            for (var i = 0; i < 5; i++) devices.Add(Device($"F{i}", state: "failed"));
            var f = Eval(Healthy(), new HealthOptions { DeviceSampleSize = 2 }, devices: devices).Find(HealthFindingCodes.DevicesFailedEnrollment)!;
            Assert.Contains("First 2: F0, F1.", f.Message);
        }
    }
}
