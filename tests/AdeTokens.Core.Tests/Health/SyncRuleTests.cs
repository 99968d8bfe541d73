using System;
using System.Linq;
using AdeTokens.Health;
using Xunit;
using static AdeTokens.Tests.Health.HealthTestData;

namespace AdeTokens.Tests.Health
{
    public class SyncRuleTests
    {
        [Fact]
        public void ExactlyStaleHoursIsNotStale()
        {
            var r = Eval(Healthy(t => t.LastSuccessfulSyncDateTime = AsOf.AddHours(-36)));
            Assert.Null(r.Find(HealthFindingCodes.SyncStale));
            Assert.Equal(HealthStatus.Healthy, r.Status);
        }

        [Fact]
        public void OneSecondPastStaleHoursIsStale()
        {
            var r = Eval(Healthy(t => t.LastSuccessfulSyncDateTime = AsOf.AddHours(-36).AddSeconds(-1)));
            var f = r.Find(HealthFindingCodes.SyncStale);
            Assert.NotNull(f);
            Assert.Equal(FindingSeverity.Warning, f!.Severity);
            Assert.Equal(HealthStatus.Warning, r.Status);
            Assert.Contains("36 h 0 min", f.Message);
            Assert.Contains("36-hour", f.Message);
        }

        [Fact]
        public void SyncedYesterdayIsNotAFalseAlarm()
            => Assert.Null(Eval(Healthy(t => t.LastSuccessfulSyncDateTime = AsOf.AddHours(-25))).Find(HealthFindingCodes.SyncStale));

        [Fact]
        public void StaleOnExpiredTokenPointsAtRenewalFirst()
        {
            var f = Eval(Healthy(t => { t.ExpirationDateTime = AsOf.AddDays(-2); t.LastSuccessfulSyncDateTime = AsOf.AddDays(-3); })).Find(HealthFindingCodes.SyncStale)!;
            Assert.Contains("TokenExpired", f.Remediation[0]);
        }

        [Fact]
        public void TriggeredFourteenMinutesFiftyNineSecondsAgoIsInfoWithNextAllowedTime()
        {
            var triggered = AsOf.AddMinutes(-14).AddSeconds(-59);
            var r = Eval(Healthy(t => t.LastSyncTriggeredDateTime = triggered));
            var f = r.Find(HealthFindingCodes.SyncRecentlyTriggered);
            Assert.NotNull(f);
            Assert.Equal(FindingSeverity.Info, f!.Severity);
            Assert.Equal(HealthStatus.Healthy, r.Status);          // Info never changes the verdict
            Assert.Contains("2025-06-01 11:45 UTC", f.Message);    // 11:45:01 -> next allowed 12:00:01, shown to the minute
            Assert.Contains("next one is allowed from 2025-06-01 12:00 UTC", f.Message);
            Assert.Contains("isn't known yet", f.Message);          // last success (3 h ago) is before the trigger
        }

        [Fact]
        public void TriggeredExactlyFifteenMinutesAgoIsNoFinding()
            => Assert.Null(Eval(Healthy(t => t.LastSyncTriggeredDateTime = AsOf.AddMinutes(-15))).Find(HealthFindingCodes.SyncRecentlyTriggered));

        [Fact]
        public void ManualSyncIntervalIsAnOption()
        {
            var o = new HealthOptions { ManualSyncIntervalMinutes = 30 };
            Assert.NotNull(Eval(Healthy(t => t.LastSyncTriggeredDateTime = AsOf.AddMinutes(-20)), o).Find(HealthFindingCodes.SyncRecentlyTriggered));
        }

        [Fact]
        public void CodeZeroAndNullGiveNoSyncFailed()
        {
            Assert.Null(Eval(Healthy(t => t.LastSyncErrorCode = 0)).Find(HealthFindingCodes.SyncFailed));
            Assert.Null(Eval(Healthy(t => t.LastSyncErrorCode = null)).Find(HealthFindingCodes.SyncFailed));
        }

        [Fact]
        public void CodeThreeIsMostLikelyTermsAndConditionsWithUnverifiedEvidence()
        {
            var r = Eval(Healthy(t => t.LastSyncErrorCode = 3));
            var f = r.Find(HealthFindingCodes.SyncFailed)!;
            Assert.Equal(FindingSeverity.Critical, f.Severity);
            Assert.Equal(HealthStatus.Critical, r.Status);
            Assert.Contains("error code 3", f.Message);
            Assert.Contains("most likely", f.Message);
            Assert.Contains("Terms and conditions not accepted", f.Message);
            Assert.Contains("Administrator role", f.Message);
            Assert.Contains("unverified by Microsoft", f.Evidence);
            Assert.Contains("third-party", f.Evidence);
            Assert.Contains("Administrator role", f.Remediation[0]);
            Assert.Contains("may be wrong", f.Remediation.Last());
            Assert.StartsWith("https://learn.microsoft.com/", f.HelpUri);
        }

        [Fact]
        public void UnmappedCodeOnExpiredTokenPutsExpiryFirst()
        {
            var f = Eval(Healthy(t => { t.LastSyncErrorCode = 42; t.ExpirationDateTime = AsOf.AddDays(-3); })).Find(HealthFindingCodes.SyncFailed)!;
            Assert.Contains("error code 42", f.Message);
            Assert.Contains("unmapped", f.Message);
            Assert.Contains("most likely cause is 'Expired or invalid token'", f.Message);
            Assert.StartsWith("Expired or invalid token (most likely)", f.Remediation[0]);
            Assert.Contains("2025-05-29 12:00 UTC, has passed", f.Remediation[0]);
            Assert.Contains("abm-admin@contoso.com", f.Remediation[0]);
            Assert.Contains("Unmapped", f.Evidence);
            Assert.Equal(HelpLinks.SyncTokenErrors, f.HelpUri);
        }

        [Fact]
        public void UnmappedCodeOnValidTokenChecksTermsThenMdmServerListThenProfilesThenSupport()
        {
            var f = Eval(Healthy(t => t.LastSyncErrorCode = 42)).Find(HealthFindingCodes.SyncFailed)!;
            Assert.Contains("unmapped", f.Message);
            Assert.Contains("most likely cause is 'Terms and conditions not accepted'", f.Message);
            Assert.StartsWith("Terms and conditions not accepted", f.Remediation[0]);
            Assert.StartsWith("Access denied", f.Remediation[1]);
            Assert.Contains("MDM server list", f.Remediation[1]);
            Assert.StartsWith("Expired or invalid token", f.Remediation[2]);
            Assert.Contains("has not expired", f.Remediation[2]);
            Assert.StartsWith("Enrollment profile errors", f.Remediation[3]);
            Assert.Contains("support phone number", f.Remediation[3]);
            Assert.StartsWith("Cursor or internal server errors", f.Remediation[4]);
            Assert.Contains("tok-1", f.Remediation[4]);
            Assert.Contains("(42)", f.Remediation[4]);
            Assert.Contains("sync error code returns to 0", f.Remediation[5]);
            Assert.DoesNotContain(f.Remediation, s => s.Contains('{'));   // every placeholder filled
        }

        [Fact]
        public void UnmappedCodeWithoutExpiryAsksToCheckTheDate()
        {
            var f = Eval(Healthy(t => { t.LastSyncErrorCode = 7; t.ExpirationDateTime = null; })).Find(HealthFindingCodes.SyncFailed)!;
            Assert.Contains("no expiry date", f.Message);
            Assert.StartsWith("Expired or invalid token", f.Remediation[0]);
            Assert.Contains("Check the expiry date", f.Remediation[0]);
        }

        [Fact]
        public void NeverSyncedYoungTokenIsInfo()
        {
            var r = Eval(Healthy(t => { t.LastSuccessfulSyncDateTime = null; t.LastModifiedDateTime = AsOf.AddHours(-23); }));
            var f = r.Find(HealthFindingCodes.NeverSynced)!;
            Assert.Equal(FindingSeverity.Info, f.Severity);
            Assert.Contains("first sync pending", f.Message);
            Assert.Contains("after 2025-06-01 13:00 UTC", f.Message);   // set up 2025-05-31 13:00; deadline = setup + 24 h
            Assert.Equal(HealthStatus.Healthy, r.Status);
        }

        [Fact]
        public void NeverSyncedExactlyAtGraceIsStillInfo()
            => Assert.Equal(FindingSeverity.Info, Eval(Healthy(t => { t.LastSuccessfulSyncDateTime = null; t.LastModifiedDateTime = AsOf.AddHours(-24); })).Find(HealthFindingCodes.NeverSynced)!.Severity);

        [Fact]
        public void NeverSyncedOldTokenIsCritical()
        {
            var r = Eval(Healthy(t => { t.LastSuccessfulSyncDateTime = null; t.LastModifiedDateTime = AsOf.AddHours(-24).AddSeconds(-1); }));
            var f = r.Find(HealthFindingCodes.NeverSynced)!;
            Assert.Equal(FindingSeverity.Critical, f.Severity);
            Assert.Equal(HealthStatus.Critical, r.Status);
            Assert.Contains("24-hour grace period", f.Message);
            Assert.Null(r.Find(HealthFindingCodes.SyncStale));    // stale needs a last sync to measure from
        }

        [Fact]
        public void NeverSyncedWithUnknownAgeIsAWarning()
        {
            var r = Eval(Healthy(t => { t.LastSuccessfulSyncDateTime = null; t.LastModifiedDateTime = null; }));
            Assert.Equal(FindingSeverity.Warning, r.Find(HealthFindingCodes.NeverSynced)!.Severity);
            Assert.Equal(HealthStatus.Warning, r.Status);
        }

        [Fact]
        public void IntuneNeverDateForLastSyncMeansNeverSynced()
        {
            var r = Eval(Healthy(t => { t.LastSuccessfulSyncDateTime = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero); t.LastModifiedDateTime = AsOf.AddDays(-5); }));
            Assert.Equal(FindingSeverity.Critical, r.Find(HealthFindingCodes.NeverSynced)!.Severity);
            Assert.Null(r.Find(HealthFindingCodes.SyncStale));
            Assert.Null(r.LastSuccessfulSyncDateTime);
        }

        [Fact]
        public void ConsentFalseIsWarningButNullOrTrueIsQuiet()
        {
            var r = Eval(Healthy(t => t.DataSharingConsentGranted = false));
            var f = r.Find(HealthFindingCodes.ConsentNotGranted)!;
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Equal(HealthStatus.Warning, r.Status);
            Assert.Equal(HelpLinks.GetAdeToken, f.HelpUri);
            Assert.Null(Eval(Healthy(t => t.DataSharingConsentGranted = null)).Find(HealthFindingCodes.ConsentNotGranted));
            Assert.Null(Eval(Healthy(t => t.DataSharingConsentGranted = true)).Find(HealthFindingCodes.ConsentNotGranted));
        }
    }
}
