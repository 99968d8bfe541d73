using System;
using System.Collections.Generic;
using System.Linq;
using AdeTokens.Graph.Models;
using AdeTokens.Health;
using Xunit;
using static AdeTokens.Tests.Health.HealthTestData;

namespace AdeTokens.Tests.Health
{
    public class CompanyPortalAndPlatformRuleTests
    {
        private const string VppId = "11111111-2222-4333-8444-555555555555";

        private static EnrollmentProfile Profile(string id, string type = "#microsoft.graph.depIOSEnrollmentProfile", string? vpp = VppId, bool isDefault = true, string? name = null)
            => new EnrollmentProfile { Id = id, OdataType = type, IsDefault = isDefault, CompanyPortalVppTokenId = vpp, DisplayName = name ?? "Profile " + id };

        private static ProfileFacts Profiles(params EnrollmentProfile[] p) => ProfileFacts.FromProfiles(p, (IReadOnlyDictionary<string, string?>?)null);

        private static TenantFacts Vpp(params VppTokenInfo[] tokens)
        {
            var t = TenantFacts.FromApns(true, AsOf.AddDays(300), "mdm@contoso.com");
            t.VppChecked = true;
            t.VppTokens = tokens;
            return t;
        }

        private static VppTokenInfo Token(string state = "valid", DateTimeOffset? expiry = null, string id = VppId)
            => new VppTokenInfo { Id = id, State = state, ExpirationDateTime = expiry ?? AsOf.AddDays(200), OrganizationName = "Contoso Apps", AppleId = "vpp@contoso.com" };

        private static HealthResult EvalVpp(VppTokenInfo? token, ProfileFacts? profiles = null, HealthOptions? o = null)
            => Eval(Healthy(), o, tenant: token is null ? Vpp() : Vpp(token), profiles: profiles ?? Profiles(Profile("p1")));

        private static IEnumerable<HealthFinding> VppFindings(HealthResult r) => r.Findings.Where(f => f.Code.StartsWith("CompanyPortalVppToken", StringComparison.Ordinal));

        [Fact]
        public void ValidVppTokenFarFromExpiryGivesNothing()
        {
            var r = EvalVpp(Token());
            Assert.Empty(VppFindings(r));
            Assert.Equal(HealthStatus.Healthy, r.Status);
        }

        [Fact]
        public void ExpiredOneSecondAgoIsCriticalAndNeverExpiringSoon()
        {
            var r = EvalVpp(Token(expiry: AsOf.AddSeconds(-1)));
            var f = Assert.Single(VppFindings(r));
            Assert.Equal(HealthFindingCodes.CompanyPortalVppTokenExpired, f.Code);
            Assert.Equal(FindingSeverity.Critical, f.Severity);
            Assert.Equal(VppId, f.Target);
            Assert.Equal("tok-1", f.TokenId);
            Assert.Equal(HelpLinks.RenewVppToken, f.HelpUri);
            Assert.Contains("'Profile p1'", f.Message);
            Assert.Contains("blocked from enrolling", f.Message);
            Assert.Contains(f.Remediation, s => s.Contains("Content Tokens"));
            Assert.Contains(f.Remediation, s => s.Contains("vpp@contoso.com"));
        }

        [Fact]
        public void ExpiryExactlyNowIsExpired()
            => Assert.Equal(HealthFindingCodes.CompanyPortalVppTokenExpired, Assert.Single(VppFindings(EvalVpp(Token(expiry: AsOf)))).Code);

        [Fact]
        public void StateExpiredWinsOverAFutureDate()
        {
            var f = Assert.Single(VppFindings(EvalVpp(Token(state: "expired", expiry: AsOf.AddDays(100)))));
            Assert.Equal(HealthFindingCodes.CompanyPortalVppTokenExpired, f.Code);
            Assert.Contains("state expired", f.Message);
        }

        [Theory]
        [InlineData("invalid", HelpLinks.RenewVppToken)]
        [InlineData("assignedToExternalMDM", HelpLinks.VppTokenStates)]
        public void InvalidStatesAreCritical(string state, string help)
        {
            var f = Assert.Single(VppFindings(EvalVpp(Token(state: state))));
            Assert.Equal(HealthFindingCodes.CompanyPortalVppTokenInvalid, f.Code);
            Assert.Equal(FindingSeverity.Critical, f.Severity);
            Assert.Equal(help, f.HelpUri);
        }

        [Fact]
        public void AssignedToExternalMdmSaysToRemoveItThere()
            => Assert.Contains(Assert.Single(VppFindings(EvalVpp(Token(state: "assignedToExternalMDM")))).Remediation, s => s.Contains("Take control of token from another MDM"));

        [Fact]
        public void ProfileNamingAMissingVppTokenIsInvalid()
        {
            var f = Assert.Single(VppFindings(EvalVpp(Token(id: "someone-else"))));
            Assert.Equal(HealthFindingCodes.CompanyPortalVppTokenInvalid, f.Code);
            Assert.Contains("no longer exists", f.Message);
            Assert.Equal(HelpLinks.CreateEnrollmentProfile, f.HelpUri);
        }

        [Theory]
        [InlineData(31, null)]
        [InlineData(30, FindingSeverity.Warning)]
        [InlineData(8, FindingSeverity.Warning)]
        [InlineData(7, FindingSeverity.Critical)]
        public void ExpiringSoonUsesTheTokenDayThresholds(int days, FindingSeverity? expected)
        {
            var f = VppFindings(EvalVpp(Token(expiry: AsOf.AddDays(days)))).SingleOrDefault();
            Assert.Equal(expected, f?.Severity);
            if (f != null) Assert.Equal(HealthFindingCodes.CompanyPortalVppTokenExpiringSoon, f.Code);
        }

        [Fact]
        public void ExpiringSoonEdgesAreCalendarDaysInUtc()
        {
            // The shared day rule counts UTC calendar days: the last second of the 30th day ahead is 30 days, Warning;
            // the first second of the 31st is 31, nothing. Later the same UTC day is 0 days: Critical, "in less than a day".
            var day = new DateTimeOffset(AsOf.UtcDateTime.Date, TimeSpan.Zero);
            Assert.Equal(FindingSeverity.Warning, Assert.Single(VppFindings(EvalVpp(Token(expiry: day.AddDays(31).AddSeconds(-1))))).Severity);
            Assert.Empty(VppFindings(EvalVpp(Token(expiry: day.AddDays(31)))));
            var soon = Assert.Single(VppFindings(EvalVpp(Token(expiry: day.AddDays(1).AddSeconds(-1)))));
            Assert.Equal(FindingSeverity.Critical, soon.Severity);
            Assert.Contains("in less than a day", soon.Message);
        }

        [Fact]
        public void ExpiringSoonHonoursCustomThresholds()
        {
            var o = new HealthOptions { WarningDays = 60, CriticalDays = 45 };
            Assert.Equal(FindingSeverity.Critical, Assert.Single(VppFindings(EvalVpp(Token(expiry: AsOf.AddDays(45)), o: o))).Severity);
            Assert.Equal(FindingSeverity.Warning, Assert.Single(VppFindings(EvalVpp(Token(expiry: AsOf.AddDays(46)), o: o))).Severity);
        }

        [Fact]
        public void NothingWithoutProfilesOrWithoutAVppTokenNamed()
        {
            var expired = Vpp(Token(expiry: AsOf.AddDays(-3)));
            Assert.Empty(VppFindings(Eval(Healthy(), tenant: expired)));                                       // profiles not checked
            Assert.Empty(VppFindings(Eval(Healthy(), tenant: expired, profiles: Profiles(Profile("p1", vpp: null)))));
            Assert.Empty(VppFindings(Eval(Healthy(), tenant: expired, profiles: Profiles(Profile("p1", vpp: "")))));
            Assert.Empty(VppFindings(Eval(Healthy(), tenant: expired, profiles: Profiles(Profile("p1", vpp: Guid.Empty.ToString())))));
        }

        [Fact]
        public void VppNotCheckedIsSilentButAFailedReadIsCheckIncomplete()
        {
            var notChecked = TenantFacts.FromApns(true, AsOf.AddDays(300), null);
            Assert.DoesNotContain(Eval(Healthy(), tenant: notChecked, profiles: Profiles(Profile("p1"))).Findings, f => f.Code == HealthFindingCodes.CheckIncomplete);

            var failed = TenantFacts.FromApns(true, AsOf.AddDays(300), null);
            failed.VppReadError = "Graph denied access (403).";
            var r = Eval(Healthy(), tenant: failed, profiles: Profiles(Profile("p1")));
            var f = r.Find(HealthFindingCodes.CheckIncomplete)!;
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Contains("403", f.Message);
            Assert.NotEqual(HealthStatus.Healthy, r.Status);
            // A profile that names no VPP token needs no VPP facts.
            Assert.Null(Eval(Healthy(), tenant: failed, profiles: Profiles(Profile("p1", vpp: null))).Find(HealthFindingCodes.CheckIncomplete));
        }

        [Fact]
        public void OneFindingPerVppTokenNamingEveryProfileThatUsesIt()
        {
            var other = "99999999-2222-4333-8444-555555555555";
            var profiles = Profiles(Profile("p1", name: "iPads"), Profile("p2", name: "iPhones", isDefault: false), Profile("p3", vpp: other, isDefault: false));
            var r = Eval(Healthy(), tenant: Vpp(Token(expiry: AsOf.AddDays(-1)), Token(id: other, state: "invalid")), profiles: profiles);
            var expired = r.Find(HealthFindingCodes.CompanyPortalVppTokenExpired)!;
            Assert.Contains("'iPads', 'iPhones'", expired.Message);
            Assert.Equal(other, r.Find(HealthFindingCodes.CompanyPortalVppTokenInvalid)!.Target);
        }

        [Fact]
        public void VppTokenIdsMatchCaseInsensitively()
            => Assert.Empty(VppFindings(EvalVpp(Token(id: VppId.ToUpperInvariant()))));

        [Fact]
        public void BlockedDevicesPointAtCompanyPortalAndItsVppToken()
        {
            var devices = new DeviceFacts();
            devices.Add(Device("B1", state: "blocked"));
            devices.Add(Device("B2", state: "blocked"));
            var generic = Eval(Healthy(), devices: devices).Find(HealthFindingCodes.DevicesBlocked)!;
            Assert.Equal(FindingSeverity.Warning, generic.Severity);
            Assert.Contains("2 devices", generic.Message);
            Assert.Contains("Company Portal", generic.Message);
            Assert.Contains("Serial numbers: B1, B2.", generic.Message);
            Assert.Contains("Install Company Portal with VPP", generic.Remediation[0]);
            Assert.Null(Eval(Healthy(), devices: devices).Find(HealthFindingCodes.DevicesFailedEnrollment));

            var named = Eval(Healthy(), tenant: Vpp(Token()), profiles: Profiles(Profile("p1")), devices: devices).Find(HealthFindingCodes.DevicesBlocked)!;
            Assert.Contains("'Contoso Apps'", named.Remediation[0]);
        }

        [Fact]
        public void PendingResetDevicesExplainTheFactoryReset()
        {
            var devices = new DeviceFacts();
            devices.Add(Device("R1", state: "pendingReset"));
            var f = Eval(Healthy(), devices: devices).Find(HealthFindingCodes.DevicesPendingReset)!;
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Contains("1 device on this token is pending reset", f.Message);
            Assert.Equal("R1", f.Target);
            Assert.Contains(f.Remediation, s => s.Contains("factory reset"));
            Assert.Null(Eval(Healthy(), devices: new DeviceFacts()).Find(HealthFindingCodes.DevicesPendingReset));
        }

        [Theory]
        [InlineData("tvos", "tvOS", "#microsoft.graph.depTvOSEnrollmentProfile")]
        [InlineData("visionOS", "visionOS", "#microsoft.graph.depVisionOSEnrollmentProfile")]
        public void TvOsAndVisionOsDevicesAreCoveredByTheirOwnDefault(string devicePlatform, string label, string profileType)
        {
            var devices = new DeviceFacts();
            devices.Add(Device("X1", devicePlatform, profileId: null));
            Assert.Equal(1, devices.GetCount(devicePlatform == "tvos" ? DevicePlatformGroup.TvOs : DevicePlatformGroup.VisionOs));

            var iosOnly = Profiles(Profile("ios", vpp: null));
            var r = Eval(Healthy(), profiles: iosOnly, devices: devices);
            Assert.Contains($"1 {label} device but no default {label} enrollment profile", r.Find(HealthFindingCodes.DefaultProfileMissing)!.Message);
            Assert.NotNull(r.Find(HealthFindingCodes.DevicesWithoutProfile));

            var covered = Profiles(Profile("ios", vpp: null), Profile("own", profileType, vpp: null));
            Assert.True(covered.HasDefault(label));
            var ok = Eval(Healthy(), profiles: covered, devices: devices);
            Assert.Null(ok.Find(HealthFindingCodes.DefaultProfileMissing));
            Assert.Null(ok.Find(HealthFindingCodes.DevicesWithoutProfile));
        }

        [Fact]
        public void TvOsDefaultFromTheNavigationIdCounts()
        {
            var facts = ProfileFacts.FromProfiles(new[] { Profile("tv", "#microsoft.graph.depTvOSEnrollmentProfile", vpp: null, isDefault: false) },
                new Dictionary<string, string?> { ["tvOS"] = "tv" });
            Assert.True(facts.HasDefaultTvOs);
            Assert.False(facts.HasDefaultVisionOs);
        }

        [Fact]
        public void UnknownPlatformDevicesAreNeverCovered()
        {
            var devices = new DeviceFacts();
            devices.Add(Device("U1", "unknown", profileId: null));
            var all = Profiles(Profile("a", vpp: null), Profile("b", "#microsoft.graph.depMacOSEnrollmentProfile", vpp: null),
                Profile("c", "#microsoft.graph.depTvOSEnrollmentProfile", vpp: null), Profile("d", "#microsoft.graph.depVisionOSEnrollmentProfile", vpp: null));
            Assert.Contains("U1", Eval(Healthy(), profiles: all, devices: devices).Find(HealthFindingCodes.DevicesWithoutProfile)!.Message);
        }

        [Fact]
        public void SyncStaleDoesNotClaimTwelveHoursForAMacOnlyToken()
        {
            var stale = Healthy(t => t.LastSuccessfulSyncDateTime = AsOf.AddHours(-40));
            var macs = new DeviceFacts();
            macs.Add(Device("M1", "macOS"));
            var mac = Eval(stale, devices: macs).Find(HealthFindingCodes.SyncStale)!;
            Assert.Contains("every 24 hours", mac.Message);
            Assert.DoesNotContain("12 hours", mac.Message);

            var macProfiles = Profiles(Profile("m", "#microsoft.graph.depMacOSEnrollmentProfile", vpp: null));
            Assert.DoesNotContain("12 hours", Eval(stale, profiles: macProfiles).Find(HealthFindingCodes.SyncStale)!.Message);

            var ipads = new DeviceFacts();
            ipads.Add(Device("I1", "ios"));
            var ios = Eval(stale, devices: ipads).Find(HealthFindingCodes.SyncStale)!;
            Assert.Contains("every 12 hours", ios.Message);
            Assert.DoesNotContain("24 hours", ios.Message);

            // Platforms unknown: both figures, each attributed to its page.
            var unknown = Eval(stale).Find(HealthFindingCodes.SyncStale)!;
            Assert.Contains("12 hours", unknown.Message);
            Assert.Contains("24 hours", unknown.Message);
        }

        [Fact]
        public void RenewalStepsEndWithTheEnrollmentDoesNotStartHint()
        {
            var f = Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddDays(-1))).Find(HealthFindingCodes.TokenExpired)!;
            Assert.Contains("created before the token was uploaded", f.Remediation.Last());
        }

        [Fact]
        public void HelpLinksUseCurrentLearnPaths()
        {
            foreach (var link in typeof(HelpLinks).GetFields().Select(x => (string)x.GetValue(null)!))
            {
                Assert.DoesNotContain("learn.microsoft.com/mem/intune/", link);
                Assert.StartsWith("https://learn.microsoft.com/", link);
            }
            Assert.Contains("#", HelpLinks.AdeMacOs);
            Assert.StartsWith("https://learn.microsoft.com/intune/intune-service/enrollment/device-enrollment-program-enroll-ios#", HelpLinks.RenewAdeToken);
        }
    }
}
