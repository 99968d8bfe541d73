using System;
using System.Linq;
using AdeTokens.Graph.Models;
using AdeTokens.Health;

namespace AdeTokens.Tests.Health
{
    internal static class HealthTestData
    {
        public static readonly DateTimeOffset AsOf = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

        /// <summary>A token with nothing to report at AsOf.</summary>
        public static TokenStatus Healthy(Action<TokenStatus>? change = null)
        {
            var t = new TokenStatus
            {
                Id = "tok-1",
                Name = "Contoso ABM",
                AppleId = "abm-admin@contoso.com",
                TokenType = "Dep",
                ExpirationDateTime = AsOf.AddDays(200),
                LastSuccessfulSyncDateTime = AsOf.AddHours(-3),
                LastSyncTriggeredDateTime = AsOf.AddHours(-3),
                LastSyncErrorCode = 0,
                SyncedDeviceCount = 10,
                DataSharingConsentGranted = true,
                LastModifiedDateTime = AsOf.AddDays(-100),
                TenantId = "tenant-1",
                EvaluatedAt = AsOf,
            };
            change?.Invoke(t);
            return t;
        }

        public static HealthResult Eval(TokenStatus t, HealthOptions? o = null, TenantFacts? tenant = null, ProfileFacts? profiles = null, DeviceFacts? devices = null)
            => HealthEvaluator.Evaluate(t, AsOf, o, tenant, profiles, devices);

        public static HealthFinding? Find(this HealthResult r, string code) => r.Findings.SingleOrDefault(f => f.Code == code);

        public static ImportedAppleDeviceIdentity Device(string serial, string platform = "ios", string? profileId = "prof-1", string state = "notContacted", bool deleted = false)
            => new ImportedAppleDeviceIdentity
            {
                Id = "dev-" + serial,
                SerialNumber = serial,
                Platform = platform,
                RequestedEnrollmentProfileId = profileId,
                EnrollmentState = state,
                IsDeleted = deleted,
            };
    }
}
