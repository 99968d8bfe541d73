using System;
using AdeTokens.Graph.Models;
using Microsoft.Kiota.Serialization.Json;
using Xunit;

namespace AdeTokens.Tests.Status
{
    public class TokenStatusBuilderTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

        private static DepOnboardingSetting Parse(string json)
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            var node = new JsonParseNode(doc.RootElement.Clone());
            return node.GetObjectValue(DepOnboardingSetting.CreateFromDiscriminatorValue)!;
        }

        private static DepOnboardingSetting Healthy() => new DepOnboardingSetting
        {
            Id = "t1", TokenName = "Contoso ABM", AppleIdentifier = "abm@contoso.com", TokenType = "dep",
            TokenExpirationDateTime = Now.AddDays(200), LastSuccessfulSyncDateTime = Now.AddHours(-3),
            LastSyncTriggeredDateTime = Now.AddHours(-3), LastSyncErrorCode = 0, SyncedDeviceCount = 10,
            DataSharingConsentGranted = true, LastModifiedDateTime = Now.AddDays(-100),
        };

        [Fact]
        public void SevenDigitFractionsAndOffsetsParseExactly()
        {
            var s = Parse("{\"id\":\"a\",\"tokenExpirationDateTime\":\"2016-12-31T23:59:54.0590989-08:00\",\"lastSuccessfulSyncDateTime\":\"2017-01-01T00:03:28.120883-08:00\"}");
            Assert.Equal(new DateTimeOffset(2017, 1, 1, 7, 59, 54, TimeSpan.Zero).AddTicks(590989), s.TokenExpirationDateTime!.Value.ToUniversalTime());
            Assert.Equal(TimeSpan.FromHours(-8), s.TokenExpirationDateTime.Value.Offset);
            Assert.Equal(new DateTimeOffset(2017, 1, 1, 8, 3, 28, TimeSpan.Zero).AddTicks(1208830), s.LastSuccessfulSyncDateTime!.Value.ToUniversalTime());
        }

        [Fact]
        public void YearOneMeansNever()
        {
            var s = Parse("{\"id\":\"a\",\"tokenExpirationDateTime\":\"2027-01-01T00:00:00Z\",\"lastSuccessfulSyncDateTime\":\"0001-01-01T00:00:00Z\",\"lastSyncTriggeredDateTime\":\"0001-01-01T00:00:00Z\",\"lastSyncErrorCode\":0}");
            var t = TokenStatusBuilder.Build(s, Now);
            Assert.Null(t.LastSuccessfulSyncDateTime);
            Assert.Null(t.LastSyncTriggeredDateTime);
            Assert.Equal(TokenState.NeverSynced, t.Status);
        }

        [Fact]
        public void UnknownPropertiesAndTypesSurviveInRaw()
        {
            var s = Parse("{\"id\":\"a\",\"tokenType\":\"appleBusinessEssentials\",\"futureField\":{\"x\":[1,2]},\"roleScopeTagIds\":[\"0\",\"5\"]}");
            var t = TokenStatusBuilder.Build(s, Now);
            Assert.Equal("appleBusinessEssentials", t.TokenType);
            Assert.True(t.Raw.ContainsKey("futureField"));
            Assert.Equal(new[] { "0", "5" }, t.RoleScopeTagIds);
        }

        [Theory]
        [InlineData("dep", "Dep")]
        [InlineData("appleSchoolManager", "AppleSchoolManager")]
        [InlineData("none", "None")]
        [InlineData("somethingNew", "somethingNew")]
        public void TokenTypeIsFriendlyOrRaw(string raw, string expected)
            => Assert.Equal(expected, TokenStatusBuilder.NormalizeTokenType(raw));

        [Fact]
        public void HealthyTokenIsHealthy()
        {
            var t = TokenStatusBuilder.Build(Healthy(), Now, null, "tenant-1");
            Assert.Equal(TokenState.Healthy, t.Status);
            Assert.Equal(200, t.DaysUntilExpiry);
            Assert.Equal("tenant-1", t.TenantId);
        }

        [Fact]
        public void ExpiredOneSecondAgoIsExpiredWithNegativeDays()
        {
            var s = Healthy();
            s.TokenExpirationDateTime = Now.AddSeconds(-1);
            var t = TokenStatusBuilder.Build(s, Now);
            Assert.Equal(TokenState.Expired, t.Status);
            // Calendar days: expired earlier today is 0 days, and it is still Expired.
            Assert.Equal(0, t.DaysUntilExpiry);
            Assert.Equal(HealthStatus.Critical, t.Severity);
        }

        [Theory]
        [InlineData(200, HealthStatus.Healthy)]
        [InlineData(20, HealthStatus.Warning)]
        [InlineData(3, HealthStatus.Critical)]
        public void SeverityIsTheHealthVerdictOfTheSameFacts(int days, HealthStatus expected)
        {
            var s = Healthy();
            s.TokenExpirationDateTime = Now.AddDays(days);
            var t = TokenStatusBuilder.Build(s, Now);
            Assert.Equal(expected, t.Severity);
            Assert.Equal(AdeTokens.Health.HealthEvaluator.Evaluate(t, Now).Status, t.Severity);
        }

        [Theory]
        [InlineData(30, TokenState.ExpiringSoon)]
        [InlineData(31, TokenState.Healthy)]
        [InlineData(1, TokenState.ExpiringSoon)]
        public void ExpiringSoonAtThirtyDays(int days, TokenState expected)
        {
            var s = Healthy();
            s.TokenExpirationDateTime = Now.AddDays(days);
            Assert.Equal(expected, TokenStatusBuilder.Build(s, Now).Status);
        }

        // Status is the state of Test-AdeTokenHealth's first expiry or sync finding: the most severe, and at equal
        // severity expiry before sync (the order HealthEvaluator gives). Before the two verdicts were one, a sync error
        // outranked a Critical expiry here and Get-AdeTokenStatus said SyncFailed while Test-AdeTokenHealth led with
        // TokenExpiringSoon; this test said the former and now says the latter.
        [Fact]
        public void TheStateIsTheMostSevereExpiryOrSyncFindingAndExpiryLeadsAtEqualSeverity()
        {
            var s = Healthy();
            s.LastSyncErrorCode = 3;
            s.TokenExpirationDateTime = Now.AddDays(20);   // TokenExpiringSoon Warning < SyncFailed Critical
            Assert.Equal(TokenState.SyncFailed, TokenStatusBuilder.Build(s, Now).Status);
            s.TokenExpirationDateTime = Now.AddDays(5);    // TokenExpiringSoon Critical = SyncFailed Critical: expiry first
            Assert.Equal(TokenState.ExpiringSoon, TokenStatusBuilder.Build(s, Now).Status);
            s.TokenExpirationDateTime = Now.AddDays(-5);
            Assert.Equal(TokenState.Expired, TokenStatusBuilder.Build(s, Now).Status);
        }

        // The grace period lives in the rules only: within it the token is Healthy in both cmdlets, after it NeverSynced.
        [Theory]
        [InlineData(-23, TokenState.Healthy, HealthStatus.Healthy)]
        [InlineData(-24, TokenState.Healthy, HealthStatus.Healthy)]
        [InlineData(-25, TokenState.NeverSynced, HealthStatus.Critical)]
        public void NeverSyncedHonoursTheGracePeriod(int setUpHoursAgo, TokenState state, HealthStatus severity)
        {
            var s = Healthy();
            s.LastSuccessfulSyncDateTime = DateTimeOffset.MinValue;
            s.LastSyncTriggeredDateTime = DateTimeOffset.MinValue;
            s.LastModifiedDateTime = Now.AddHours(setUpHoursAgo);
            var t = TokenStatusBuilder.Build(s, Now);
            Assert.Equal(state, t.Status);
            Assert.Equal(severity, t.Severity);
            if (state == TokenState.Healthy) Assert.Contains("hasn't synced yet", t.StatusReason);
        }

        [Fact]
        public void GraceAndThresholdsComeFromTheOptions()
        {
            var s = Healthy();
            s.LastSuccessfulSyncDateTime = DateTimeOffset.MinValue;
            s.LastModifiedDateTime = Now.AddHours(-10);
            Assert.Equal(TokenState.Healthy, TokenStatusBuilder.Build(s, Now).Status);
            Assert.Equal(TokenState.NeverSynced, TokenStatusBuilder.Build(s, Now, new AdeTokens.Health.HealthOptions { NeverSyncedGraceHours = 8 }).Status);

            var e = Healthy();
            e.TokenExpirationDateTime = Now.AddDays(45);
            Assert.Equal(TokenState.Healthy, TokenStatusBuilder.Build(e, Now).Status);
            Assert.Equal(TokenState.ExpiringSoon, TokenStatusBuilder.Build(e, Now, new AdeTokens.Health.HealthOptions { WarningDays = 60, CriticalDays = 7 }).Status);
        }

        [Fact]
        public void NoExpiryDateIsExpiryUnknownAsInTheHealthCheck()
        {
            var s = Healthy();
            s.TokenExpirationDateTime = DateTimeOffset.MinValue;
            var t = TokenStatusBuilder.Build(s, Now);
            Assert.Equal(TokenState.ExpiryUnknown, t.Status);
            Assert.Equal(HealthStatus.Warning, t.Severity);
            Assert.Null(t.DaysUntilExpiry);
        }

        [Fact]
        public void StaleAfterThirtySixHours()
        {
            var s = Healthy();
            s.LastSuccessfulSyncDateTime = Now.AddHours(-36);
            Assert.Equal(TokenState.Healthy, TokenStatusBuilder.Build(s, Now).Status);
            s.LastSuccessfulSyncDateTime = Now.AddHours(-36).AddSeconds(-1);
            Assert.Equal(TokenState.SyncStale, TokenStatusBuilder.Build(s, Now).Status);
        }

        [Fact]
        public void ThresholdsValidateWithClearMessages()
        {
            var ex = Assert.Throws<ArgumentException>(() => TokenStatusBuilder.Build(Healthy(), Now, new AdeTokens.Health.HealthOptions { WarningDays = 5, CriticalDays = 7 }));
            Assert.Contains("CriticalDays (7)", ex.Message);
            Assert.Throws<ArgumentException>(() => new AdeTokens.Health.HealthOptions { WarningDays = -1 }.Validate());
        }
    }
}
