using System;
using System.Linq;
using AdeTokens.Health;
using Xunit;
using static AdeTokens.Tests.Health.HealthTestData;

namespace AdeTokens.Tests.Health
{
    public class ExpiryRuleTests
    {
        [Fact]
        public void HealthyTokenHasNoFindings()
        {
            var r = Eval(Healthy());
            Assert.Equal(HealthStatus.Healthy, r.Status);
            Assert.Empty(r.Findings);
            Assert.Equal(string.Empty, r.FindingCodes);
            Assert.Equal(200, r.DaysUntilExpiry);
        }

        [Theory]
        [InlineData(31 * 24 * 3600, null)]                                  // 31 days: quiet
        [InlineData(31 * 24 * 3600 - 1, FindingSeverity.Warning)]           // 30 d 23:59:59 -> floor 30
        [InlineData(30 * 24 * 3600, FindingSeverity.Warning)]               // exactly 30 days
        [InlineData(8 * 24 * 3600, FindingSeverity.Warning)]                // 8 days
        [InlineData(8 * 24 * 3600 - 1, FindingSeverity.Critical)]           // 7 d 23:59:59 -> floor 7
        [InlineData(7 * 24 * 3600, FindingSeverity.Critical)]               // exactly 7 days
        [InlineData(1, FindingSeverity.Critical)]                           // one second left
        public void ExpiringSoonEdges(long secondsLeft, FindingSeverity? expected)
        {
            var r = Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddSeconds(secondsLeft)));
            var f = r.Find(HealthFindingCodes.TokenExpiringSoon);
            Assert.Null(r.Find(HealthFindingCodes.TokenExpired));
            if (expected is null)
            {
                Assert.Null(f);
                Assert.Equal(HealthStatus.Healthy, r.Status);
                return;
            }
            Assert.NotNull(f);
            Assert.Equal(expected, f!.Severity);
            Assert.Equal(expected == FindingSeverity.Critical ? HealthStatus.Critical : HealthStatus.Warning, r.Status);
            Assert.Equal("tok-1", f.Target);
            Assert.Contains("invalidates", f.Remediation[0]);
            Assert.StartsWith("https://learn.microsoft.com/", f.HelpUri);
        }

        [Fact]
        public void ExactlyThirtyAndSevenDaysAreWordedWithTheNumbers()
        {
            var r30 = Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddDays(30)));
            Assert.Contains("in 30 days", r30.Find(HealthFindingCodes.TokenExpiringSoon)!.Message);
            Assert.Equal(30, r30.DaysUntilExpiry);
            var r7 = Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddDays(7)));
            Assert.Contains("in 7 days", r7.Find(HealthFindingCodes.TokenExpiringSoon)!.Message);
            var r0 = Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddMinutes(5)));
            Assert.Contains("in less than a day", r0.Find(HealthFindingCodes.TokenExpiringSoon)!.Message);
            Assert.Equal(0, r0.DaysUntilExpiry);
        }

        [Theory]
        [InlineData(0)]      // expiry == asOf counts as expired (same as TokenStatusBuilder)
        [InlineData(-1)]     // one second ago
        [InlineData(-86400 * 40)]
        public void ExpiredIsTokenExpiredNotExpiringSoon(int secondsLeft)
        {
            var r = Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddSeconds(secondsLeft)));
            var f = r.Find(HealthFindingCodes.TokenExpired);
            Assert.NotNull(f);
            Assert.Null(r.Find(HealthFindingCodes.TokenExpiringSoon));
            Assert.Equal(FindingSeverity.Critical, f!.Severity);
            Assert.Equal(HealthStatus.Critical, r.Status);
            Assert.Contains("one sitting", f.Remediation[0]);
            Assert.Contains("invalidates", f.Remediation[0]);
            Assert.Contains(f.Remediation, s => s.Contains("abm-admin@contoso.com") && s.Contains("same Apple ID"));
            Assert.Equal(HelpLinks.RenewAdeToken, f.HelpUri);
        }

        [Fact]
        public void OneSecondAgoIsMinusOneDayAndSaysLessThanADayAgo()
        {
            var r = Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddSeconds(-1)));
            Assert.Equal(-1, r.DaysUntilExpiry);
            Assert.Contains("less than a day ago", r.Find(HealthFindingCodes.TokenExpired)!.Message);
        }

        [Fact]
        public void DaysAreRecomputedAtAsOfNotCopiedFromTheStatus()
        {
            // Status built a week earlier: its DaysUntilExpiry is stale.
            var t = Healthy(x => { x.ExpirationDateTime = AsOf.AddDays(5); x.DaysUntilExpiry = 12; });
            var r = Eval(t);
            Assert.Equal(5, r.DaysUntilExpiry);
            Assert.Equal(FindingSeverity.Critical, r.Find(HealthFindingCodes.TokenExpiringSoon)!.Severity);
        }

        [Fact]
        public void CustomThresholdsApply()
        {
            var o = new HealthOptions { WarningDays = 60, CriticalDays = 14 };
            Assert.Equal(FindingSeverity.Warning, Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddDays(60)), o).Find(HealthFindingCodes.TokenExpiringSoon)!.Severity);
            Assert.Equal(FindingSeverity.Critical, Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddDays(14)), o).Find(HealthFindingCodes.TokenExpiringSoon)!.Severity);
            Assert.Null(Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddDays(61)), o).Find(HealthFindingCodes.TokenExpiringSoon));
        }

        [Fact]
        public void MissingAppleIdIsSaidNotHidden()
        {
            var f = Eval(Healthy(t => { t.AppleId = null; t.ExpirationDateTime = AsOf.AddDays(-3); })).Find(HealthFindingCodes.TokenExpired)!;
            Assert.Contains(f.Remediation, s => s.Contains("Intune reports none"));
        }

        [Fact]
        public void NoExpiryDateIsAWarningNotSilence()
        {
            var r = Eval(Healthy(t => t.ExpirationDateTime = null));
            var f = r.Find(HealthFindingCodes.ExpiryUnknown);
            Assert.NotNull(f);
            Assert.Equal(FindingSeverity.Warning, f!.Severity);
            Assert.Equal(HealthStatus.Warning, r.Status);
            Assert.Null(r.DaysUntilExpiry);
        }

        [Fact]
        public void IntuneNeverDateAsExpiryIsUnknownNotExpired()
        {
            var r = Eval(Healthy(t => t.ExpirationDateTime = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.NotNull(r.Find(HealthFindingCodes.ExpiryUnknown));
            Assert.Null(r.Find(HealthFindingCodes.TokenExpired));
            Assert.Null(r.ExpirationDateTime);
        }
    }
}
