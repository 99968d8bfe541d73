using System;
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

        // AsOf is 2025-06-01 12:00 UTC. Days are calendar days in UTC, so the time of day of the expiry never matters.
        [Theory]
        [InlineData("2025-07-02T00:00:00Z", null)]                         // 31 calendar days: quiet
        [InlineData("2025-07-01T23:59:59Z", FindingSeverity.Warning)]      // 30, at the end of the day
        [InlineData("2025-07-01T00:00:00Z", FindingSeverity.Warning)]      // 30, at midnight: the warning threshold
        [InlineData("2025-06-09T23:59:59Z", FindingSeverity.Warning)]      // 8
        [InlineData("2025-06-08T00:00:00Z", FindingSeverity.Critical)]     // 7: the critical threshold
        [InlineData("2025-06-08T23:59:59Z", FindingSeverity.Critical)]     // still 7
        [InlineData("2025-06-01T12:00:01Z", FindingSeverity.Critical)]     // later today: 0
        public void ExpiringSoonEdges(string expiry, FindingSeverity? expected)
        {
            var r = Eval(Healthy(t => t.ExpirationDateTime = DateTimeOffset.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture)));
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
            Assert.Contains("expires in 30 days", r30.Find(HealthFindingCodes.TokenExpiringSoon)!.Message);
            Assert.Equal(30, r30.DaysUntilExpiry);
            var r7 = Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddDays(7)));
            Assert.Contains("expires in 7 days", r7.Find(HealthFindingCodes.TokenExpiringSoon)!.Message);
            var r0 = Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddMinutes(5)));
            Assert.Contains("expires today", r0.Find(HealthFindingCodes.TokenExpiringSoon)!.Message);
            Assert.Equal(0, r0.DaysUntilExpiry);
            var r1 = Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddHours(13)));
            Assert.Contains("expires tomorrow", r1.Find(HealthFindingCodes.TokenExpiringSoon)!.Message);
            Assert.Equal(1, r1.DaysUntilExpiry);
        }

        // The issue's own numbers: an expiry on Dec 6 read on Dec 1 is 5 days away, whatever the hour, and
        // every place that shows it says 5.
        [Theory]
        [InlineData("2026-12-01T00:00:00Z")]
        [InlineData("2026-12-01T08:00:00Z")]
        [InlineData("2026-12-01T23:59:59Z")]
        public void DecSixReadOnDecOneIsFiveDaysEverywhere(string now)
        {
            var asOf = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
            var expiry = new DateTimeOffset(2026, 12, 6, 7, 30, 0, TimeSpan.Zero);
            var status = Healthy(t => t.ExpirationDateTime = expiry);
            var r = HealthEvaluator.Evaluate(status, asOf);
            Assert.Equal(5, r.DaysUntilExpiry);
            Assert.Contains("expires in 5 days", r.Find(HealthFindingCodes.TokenExpiringSoon)!.Message);
            var built = TokenStatusBuilder.Build(new AdeTokens.Graph.Models.DepOnboardingSetting { Id = "t", TokenExpirationDateTime = expiry, LastSuccessfulSyncDateTime = asOf.AddHours(-1) }, asOf);
            Assert.Equal(5, built.DaysUntilExpiry);
            Assert.Contains("expires in 5 days", built.StatusReason);
        }

        // Just before, at and just after midnight UTC: the count changes exactly at midnight.
        [Theory]
        [InlineData("2026-12-01T23:59:59Z", 5)]
        [InlineData("2026-12-02T00:00:00Z", 4)]
        [InlineData("2026-12-02T00:00:01Z", 4)]
        public void TheDayChangesAtMidnightUtc(string now, int days)
        {
            var asOf = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(days, TokenStatusBuilder.DaysUntil(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), asOf));
            // An offset on the expiry does not move the day: it is counted in UTC.
            Assert.Equal(days, TokenStatusBuilder.DaysUntil(new DateTimeOffset(2026, 12, 5, 19, 0, 0, TimeSpan.FromHours(-5)), asOf));
        }

        [Fact]
        public void ExpiredThreeDaysEarlierIsMinusThreeInTheNumberTheFindingAndTheStatus()
        {
            var asOf = new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero);
            var expiry = new DateTimeOffset(2026, 11, 28, 8, 42, 0, TimeSpan.Zero);
            var built = TokenStatusBuilder.Build(new AdeTokens.Graph.Models.DepOnboardingSetting { Id = "t", TokenExpirationDateTime = expiry }, asOf);
            Assert.Equal(-3, built.DaysUntilExpiry);
            Assert.Contains("(3 days ago)", built.StatusReason);
            var r = HealthEvaluator.Evaluate(built, asOf);
            Assert.Equal(-3, r.DaysUntilExpiry);
            Assert.Contains("expired on 2026-11-28 08:42 UTC (3 days ago)", r.Find(HealthFindingCodes.TokenExpired)!.Message);
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
        public void OneSecondAgoIsExpiredTodayAndYesterdayIsMinusOne()
        {
            var r = Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddSeconds(-1)));
            Assert.Equal(0, r.DaysUntilExpiry);
            Assert.Contains("(today)", r.Find(HealthFindingCodes.TokenExpired)!.Message);
            var y = Eval(Healthy(t => t.ExpirationDateTime = AsOf.AddHours(-13)));
            Assert.Equal(-1, y.DaysUntilExpiry);
            Assert.Contains("(yesterday)", y.Find(HealthFindingCodes.TokenExpired)!.Message);
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
