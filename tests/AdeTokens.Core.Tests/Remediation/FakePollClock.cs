using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph.Models;
using AdeTokens.Clock;

namespace AdeTokens.Tests.Remediation
{
    /// <summary>A clock that moves only when code waits on it, so a 15-minute wait runs in microseconds.</summary>
    internal sealed class FakePollClock : IPollClock
    {
        public FakePollClock(DateTimeOffset start)
        {
            UtcNow = start;
        }

        public DateTimeOffset UtcNow { get; private set; }

        public List<TimeSpan> Delays { get; } = new List<TimeSpan>();

        /// <summary>Runs after each delay, with the new time (e.g. to make a file appear).</summary>
        public Action<DateTimeOffset>? OnDelay { get; set; }

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Delays.Add(delay);
            if (delay > TimeSpan.Zero) UtcNow += delay;
            OnDelay?.Invoke(UtcNow);
            return Task.CompletedTask;
        }
    }

    internal static class RemediationTestData
    {
        public static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        public static DepOnboardingSetting Token(string id = "tok-1", DateTimeOffset? lastSuccess = null, int errorCode = 0, DateTimeOffset? lastTriggered = null, DateTimeOffset? expiry = null, string? appleId = "ade-admin@contoso.com", string? name = "Contoso")
            => new DepOnboardingSetting
            {
                Id = id,
                TokenName = name,
                AppleIdentifier = appleId,
                LastSuccessfulSyncDateTime = lastSuccess ?? T0.AddHours(-2),
                LastSyncTriggeredDateTime = lastTriggered ?? T0.AddHours(-2),
                LastSyncErrorCode = errorCode,
                TokenExpirationDateTime = expiry ?? T0.AddDays(10),
                LastModifiedDateTime = T0.AddDays(-100),
                SyncedDeviceCount = 10,
                DataSharingConsentGranted = true,
                TokenType = "dep",
            };
    }
}
