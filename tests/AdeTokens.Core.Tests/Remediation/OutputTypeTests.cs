using System;
using System.Collections.Generic;
using AdeTokens.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;
using Xunit;
using static AdeTokens.Tests.Remediation.RemediationTestData;
using AdeTokens.Sync;
using AdeTokens.Profiles;

namespace AdeTokens.Tests.Remediation
{
    public class OutputTypeTests
    {
        private static EnrollmentProfile Profile(string type, string id = "p1", bool? isDefault = null)
        {
            var p = new EnrollmentProfile
            {
                Id = id,
                OdataType = type,
                DisplayName = "Corporate iPhone",
                RequiresUserAuthentication = true,
                EnableAuthenticationViaCompanyPortal = true,
                IsDefault = isDefault,
                SupportPhoneNumber = "+1 425 555 0100",
            };
            p.AdditionalData["supervisedModeEnabled"] = new UntypedBoolean(true);
            p.AdditionalData["isMandatory"] = new UntypedBoolean(false);
            p.AdditionalData["deviceNameTemplate"] = new UntypedString("{{SERIAL}}");
            return p;
        }

        [Fact]
        public void ProfileShowsPlatformKeySettingsAndEveryRawProperty()
        {
            var info = EnrollmentProfileInfo.From(Profile("#microsoft.graph.depIOSEnrollmentProfile"), "tok-1", "Contoso", true);
            Assert.Equal("iOS", info.Platform);
            Assert.True(info.IsDefault);
            Assert.True(info.IsSupervised);
            Assert.False(info.IsMandatory);
            Assert.Equal("CompanyPortal", info.AuthenticationMethod);
            Assert.Equal("+1 425 555 0100", info.SupportPhoneNumber);
            Assert.Equal("{{SERIAL}}", info.Raw["deviceNameTemplate"]);
            Assert.Equal("tok-1", info.TokenId);
        }

        [Theory]
        [InlineData(null, false, "None")]
        [InlineData(true, false, "SetupAssistant")]
        [InlineData(true, true, "CompanyPortal")]
        public void AuthenticationMethod(bool? userAuth, bool companyPortal, string expected)
        {
            var p = new EnrollmentProfile { Id = "p", OdataType = "#microsoft.graph.depIOSEnrollmentProfile", RequiresUserAuthentication = userAuth, EnableAuthenticationViaCompanyPortal = companyPortal };
            Assert.Equal(expected, EnrollmentProfileInfo.From(p, "t", null, null).AuthenticationMethod);
        }

        [Fact]
        public void TheProfilesOwnFlagSettlesItAndTheNavigationOnlyWhenItIsSilent()
        {
            // Issue 10: one lookup for every caller; isDefault and @odata.type first, the navigation only when ambiguous.
            var ios = Profile("#microsoft.graph.depIOSEnrollmentProfile", "p1", isDefault: true);
            Assert.True(DefaultProfileLookup.IsDefault(ios, null));
            Assert.True(DefaultProfileLookup.IsDefault(ios, new Dictionary<string, string?> { ["iOS"] = "p2" }));
            var silent = new EnrollmentProfile { Id = "p1", OdataType = "#microsoft.graph.depIOSEnrollmentProfile" };
            Assert.True(DefaultProfileLookup.IsDefault(silent, new Dictionary<string, string?> { ["iOS"] = "P1" }));
            Assert.False(DefaultProfileLookup.IsDefault(silent, new Dictionary<string, string?> { ["iOS"] = "p2" }));
            Assert.False(DefaultProfileLookup.IsDefault(silent, null));
            var unknown = new EnrollmentProfile { Id = "u1", OdataType = "#microsoft.graph.enrollmentProfile" };
            Assert.True(DefaultProfileLookup.IsDefault(unknown, new Dictionary<string, string?> { ["iOS"] = null, ["tvOS"] = "u1" }));
        }

        [Fact]
        public void DeviceTurnsNeverDatesIntoNullAndFlagsUnassigned()
        {
            var never = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var d = AdeDevice.From(new ImportedAppleDeviceIdentity { Id = "d1", SerialNumber = "C02X", RequestedEnrollmentProfileId = "", RequestedEnrollmentProfileAssignmentDateTime = never, LastContactedDateTime = never, CreatedDateTime = T0, EnrollmentState = "notContacted", Platform = "ios" }, "tok-1");
            Assert.True(d.IsUnassigned);
            Assert.Null(d.RequestedEnrollmentProfileId);
            Assert.Null(d.LastContactedDateTime);
            Assert.Null(d.RequestedEnrollmentProfileAssignmentDateTime);
            Assert.Equal(T0, d.CreatedDateTime);
            Assert.Equal("tok-1", d.TokenId);
        }

        [Fact]
        public void ASyncErrorGivesTheSameFindingAsTheHealthCheck()
        {
            var status = TokenStatusBuilder.Build(Token(errorCode: 3), T0);
            var finding = SyncReport.FindingFor(status, T0);
            Assert.NotNull(finding);
            Assert.Equal("SyncFailed", finding!.Code);
            Assert.Equal(FindingSeverity.Critical, finding.Severity);
            Assert.Equal("tok-1", finding.TokenId);
            Assert.Null(SyncReport.FindingFor(TokenStatusBuilder.Build(Token(), T0), T0));
        }

        [Fact]
        public void DescribesMappedAndUnmappedErrorCodes()
        {
            Assert.StartsWith("error code 987654", SyncReport.DescribeError(987654));
            Assert.Contains("does not document", SyncReport.DescribeError(987654));
        }
    }
}
