using System;
using Xunit;
using static AdeTokens.Tests.Remediation.RemediationTestData;
using AdeTokens.Sync;

namespace AdeTokens.Tests.Remediation
{
    public class ManualSyncRuleTests
    {
        [Fact]
        public void NeverTriggeredIsAllowed()
        {
            Assert.True(ManualSyncRule.Check(null, T0).Allowed);
            var minValue = ManualSyncRule.Check(new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), T0);
            Assert.True(minValue.Allowed);
            Assert.Null(minValue.LastTriggered);
            Assert.Null(minValue.NextAllowedAt);
        }

        [Theory]
        [InlineData(0, false)]
        [InlineData(5, false)]
        [InlineData(14.99, false)]
        [InlineData(15, true)]
        [InlineData(16, true)]
        [InlineData(600, true)]
        public void FifteenMinutesFromTheLastTrigger(double minutesAgo, bool allowed)
        {
            var last = T0.AddMinutes(-minutesAgo);
            var gate = ManualSyncRule.Check(last, T0);
            Assert.Equal(allowed, gate.Allowed);
            Assert.Equal(last.AddMinutes(15), gate.NextAllowedAt);
            Assert.Equal(allowed ? TimeSpan.Zero : last.AddMinutes(15) - T0, gate.Wait);
        }

        [Fact]
        public void ATriggerInTheFutureStillBlocksUntilTriggerPlusInterval()
        {
            var gate = ManualSyncRule.Check(T0.AddMinutes(3), T0);
            Assert.False(gate.Allowed);
            Assert.Equal(TimeSpan.FromMinutes(18), gate.Wait);
        }

        [Fact]
        public void TooSoonSaysWhenTheNextSyncIsAllowed()
        {
            var gate = ManualSyncRule.Check(T0.AddMinutes(-5), T0);
            var e = ManualSyncRule.TooSoon("ADE token 'Contoso' (tok-1)", "tok-1", gate);
            Assert.Equal(RemediationErrorIds.SyncTooSoon, e.ErrorId);
            Assert.Equal(RemediationErrorKind.Busy, e.Kind);
            Assert.Equal("tok-1", e.Target);
            Assert.Contains("2026-03-01 12:10:00 UTC", e.Message);
            Assert.Contains("in 10 min 0 s", e.Message);
            Assert.Contains("-Force", e.RecommendedAction);
        }

        [Theory]
        [InlineData(0, "0 s")]
        [InlineData(59.2, "1 min 0 s")]
        [InlineData(61, "1 min 1 s")]
        [InlineData(900, "15 min 0 s")]
        [InlineData(-5, "0 s")]
        public void DescribesDurations(double seconds, string expected)
            => Assert.Equal(expected, ManualSyncRule.Describe(TimeSpan.FromSeconds(seconds)));
    }
}
